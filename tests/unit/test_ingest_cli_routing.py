"""`giai ingest` reads naturally: paths and options go to the run, `status` to the ledger view."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from commands.ingest import ingest


def test_status_of_an_index_never_ingested_is_an_empty_json_object(tmp_path, monkeypatch):
    monkeypatch.setenv("GIAI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GIAI_INDEX", "never-used")
    result = CliRunner().invoke(ingest, ["status", "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == {"index": "never-used", "files": []}


def test_paths_and_source_together_are_refused(tmp_path):
    result = CliRunner().invoke(ingest, [str(tmp_path), "--source", "fidh"])
    assert result.exit_code == 2 and "either paths or --source" in result.output


def test_a_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(ingest, [str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_the_pipelines_own_entry_point_refuses_a_missing_path(tmp_path, capsys):
    from ingest.__main__ import main

    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path / "nope")])
    assert stop.value.code == 2 and "no such file or folder" in capsys.readouterr().err
