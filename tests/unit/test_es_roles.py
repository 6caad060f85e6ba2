"""The roles of the portal's and the pipeline's Elasticsearch accounts (pure definitions)."""

import yaml

from giai.es_accounts import roles


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
