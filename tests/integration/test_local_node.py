"""The local node is the real Elasticsearch with our plugin and Debian's dictionaries."""

import os
import stat
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from commands import local_node
from giai.es import connect


def _analyze(es, analyzer_settings, text):
    name = f"test-analysis-{uuid.uuid4().hex[:8]}"
    es.indices.create(index=name, settings={"analysis": analyzer_settings})
    try:
        return [t["token"] for t in es.indices.analyze(index=name, analyzer="a", text=text)["tokens"]]
    finally:
        es.indices.delete(index=name)


def _search_one_field(es, analyzer_settings, analyzer, indexed, query):
    name = f"test-search-{uuid.uuid4().hex[:8]}"
    es.indices.create(
        index=name,
        settings={"analysis": analyzer_settings},
        mappings={"properties": {"body": {"type": "text", "analyzer": analyzer}}},
    )
    try:
        es.index(index=name, document={"body": indexed}, refresh=True)
        return es.search(index=name, query={"match": {"body": query}})["hits"]["total"]["value"]
    finally:
        es.indices.delete(index=name)


RUSSIAN_HUNSPELL = {
    "filter": {"ru_hunspell": {"type": "hunspell", "locale": "ru_RU"}},
    "analyzer": {"ru": {"tokenizer": "standard", "filter": ["lowercase", "ru_hunspell"]}},
}
FOLDING = {"analyzer": {"folded": {"tokenizer": "standard", "filter": ["lowercase", "giai_folding"]}}}


def test_russian_hunspell_finds_another_inflected_form(es):
    assert _search_one_field(es, RUSSIAN_HUNSPELL, "ru", "Свидетельства о пыток в местах лишения свободы", "пытками") == 1


def test_plugin_folding_finds_an_accented_word_without_its_accent(es):
    assert _search_one_field(es, FOLDING, "folded", "Crimes contre la communauté humaine: Humanité", "humanite") == 1


def test_plugin_folds_accents_yo_and_stems_russian(es):
    settings = {"analyzer": {"a": {"tokenizer": "standard",
                                   "filter": ["lowercase", "giai_folding", "giai_yo", "giai_russian_light_stem"]}}}
    assert _analyze(es, settings, "Humanité ЁЛКА пытками") == ["humanite", "елк", "пытк"]


def test_the_node_refuses_a_request_without_the_password(es, settings):
    if settings.es_url:
        pytest.fail("this test is about the local node; unset GIAI_ES_URL")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"http://127.0.0.1:{settings.es_port}/_cluster/health", timeout=10)
    assert err.value.code == 401


def test_starting_twice_keeps_one_node(es, settings):
    pid = local_node.running_pid(settings)
    assert local_node.start(settings, say=lambda _: None) == "already running"
    assert local_node.running_pid(settings) == pid
    assert len(es.nodes.info()["nodes"]) == 1


def test_documents_survive_a_stop_and_start(es, settings):
    name = f"test-restart-{uuid.uuid4().hex[:8]}"
    es.index(index=name, id="kept", document={"note": "still here"}, refresh=True)
    try:
        assert local_node.stop(settings) == "stopped"
        local_node.start(settings, say=lambda _: None)
        assert connect(settings).get(index=name, id="kept")["_source"] == {"note": "still here"}
    finally:
        connect(settings).indices.delete(index=name)


def test_status_names_version_plugin_and_dictionaries(es, settings):
    info = local_node.status(settings)
    assert info["version"] == settings.es_version
    assert "giai-analysis" in info["plugins"]
    assert {"en_US", "fr_FR", "ru_RU", "es_ES", "ar"} <= set(info["dictionaries"])


def test_a_wrong_es_url_gives_one_line_naming_it():
    env = dict(os.environ, GIAI_ES_URL="http://127.0.0.1:1")
    giai = os.path.join(os.path.dirname(sys.executable), "giai")
    done = subprocess.run([giai, "es", "status"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    output = (done.stdout + done.stderr).strip()
    assert "127.0.0.1:1" in output and "Traceback" not in output and len(output.splitlines()) == 1


def test_the_data_directory_is_private_and_the_node_still_answers(es, settings):
    # `start` makes it private on a running node too (test_documents_survive_a_stop_and_start
    # starts the node in it).
    local_node.start(settings, say=lambda _: None)
    mode = stat.S_IMODE(settings.data_dir.stat().st_mode)
    # As root the node's own user may only traverse it (to its es/ folder); else nobody else may.
    assert mode == (0o710 if os.geteuid() == 0 else 0o700)
    assert connect(settings).cluster.health()["status"] in ("green", "yellow")
