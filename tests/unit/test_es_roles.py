"""The roles of the portal's and the pipeline's Elasticsearch accounts (pure definitions)."""

import yaml

from commands.es_accounts import aliases_of, roles


def test_the_portal_reads_and_updates_its_alias_and_indices_only():
    (portal_indices,) = roles("giai")["giai_portal"]["indices"]
    assert portal_indices == {"names": ["giai", "giai-*"], "privileges": ["read", "index"]}
    assert "cluster" not in roles("giai")["giai_portal"]


def test_the_pipeline_manages_its_own_indices_and_sees_cluster_health_only():
    pipeline = roles("giai")["giai_pipeline"]
    assert pipeline["cluster"] == ["monitor"]
    assert pipeline["indices"] == [{"names": ["giai", "giai-*"], "privileges": ["read", "write", "manage"]}]


def test_roles_yml_holds_no_yaml_alias_which_the_node_misreads():
    text = yaml.safe_dump(roles("giai"))
    assert "&" not in text and "*id" not in text


def test_roles_cover_every_alias_given_and_read_back_the_same():
    defined = roles("giai", "check")
    assert defined["giai_portal"]["indices"][0]["names"] == ["giai", "giai-*", "check", "check-*"]
    assert aliases_of(yaml.safe_load(yaml.safe_dump(defined))) == ["giai", "check"]
    assert aliases_of({}) == []
