from pathlib import Path

import pytest

from giai.es import redact
from giai.settings import SettingsError, describe, load_settings


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
