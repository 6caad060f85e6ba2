import dataclasses
import re
import typing
from pathlib import Path

import pytest

from giai import PROJECT_ROOT
from giai.es import redact
from giai.settings import (
    FOREIGN_VARIABLES,
    TYPES,
    Settings,
    SettingsError,
    describe,
    env_name,
    load_declaration,
    load_settings,
)

# An environment variable read by name: os.environ["X"], os.environ.get("X"), os.getenv("X").
ENVIRONMENT_READ = re.compile(r"""os\.(?:environ(?:\.get\(|\[)|getenv\()\s*["']([A-Z0-9_]+)["']""")


def test_defaults_come_from_the_declaration():
    settings = load_settings(environ={})
    assert settings.index == "giai"
    assert settings.es_port == 9200
    assert settings.es_version == "9.5.2"


def test_environment_overrides_a_default():
    assert load_settings(environ={"GIAI_INDEX": "other", "GIAI_ES_PORT": "9201"}).es_port == 9201


def test_a_non_numeric_port_is_refused_in_one_line_naming_the_variable():
    with pytest.raises(SettingsError) as err:
        load_settings(environ={"GIAI_ES_PORT": "ninety"})
    assert "GIAI_ES_PORT" in str(err.value) and "\n" not in str(err.value)


def test_a_port_out_of_range_is_refused():
    with pytest.raises(SettingsError, match="outside"):
        load_settings(environ={"GIAI_ES_PORT": "70000"})


def test_an_index_name_elasticsearch_would_reject_is_refused():
    with pytest.raises(SettingsError, match="GIAI_INDEX"):
        load_settings(environ={"GIAI_INDEX": "Upper Case"})


def test_empty_data_dir_resolves_to_a_real_folder():
    assert isinstance(load_settings(environ={}).data_dir, Path)


def test_a_given_data_dir_is_used(tmp_path):
    assert load_settings(environ={"GIAI_DATA_DIR": str(tmp_path)}).data_dir == tmp_path


def test_every_setting_is_described_with_help():
    rows = describe()
    assert rows and all(variable.startswith("GIAI_") and help_text for variable, _, help_text in rows)


def test_redact_hides_the_password_but_keeps_the_host():
    assert redact("https://elastic:s3cret@search.example.org:9243") == "https://elastic:***@search.example.org:9243"
    assert redact("http://127.0.0.1:9200") == "http://127.0.0.1:9200"


def test_the_settings_class_has_every_declared_setting_in_order_with_its_type():
    declared = load_declaration()
    hints = typing.get_type_hints(Settings)
    assert [f.name for f in dataclasses.fields(Settings)] == list(declared)
    assert {name: hints[name] for name in declared} == {name: TYPES[spec["type"]] for name, spec in declared.items()}


def test_every_environment_variable_the_code_reads_is_declared():
    declared = {env_name(name) for name in load_declaration()} | set(FOREIGN_VARIABLES)
    read = {
        (path.relative_to(PROJECT_ROOT).as_posix(), name)
        for package in ("commands", "giai", "ingest", "portal")
        for path in (PROJECT_ROOT / package).rglob("*.py")
        for name in ENVIRONMENT_READ.findall(path.read_text(encoding="utf-8"))
    }
    assert {name for _, name in read} >= {"GIAI_CONFIG_DIR", "ES_JAVA_HOME"}  # the scan finds reads
    assert [(path, name) for path, name in sorted(read) if name not in declared] == []


def test_the_configuration_folder_is_a_setting_too():
    assert load_settings(environ={}).config_dir.joinpath("settings.yaml").is_file()
