"""Settings declared once in config/settings.yaml, overridden by GIAI_* environment variables.

`load_settings()` validates every value at start and raises `SettingsError` with a one-line message
naming the variable, so a bad value never surfaces later as a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from giai import PROJECT_ROOT

# Read before the declaration, which it locates (config/settings.yaml declares it too).
CONFIG_DIR = Path(os.environ.get("GIAI_CONFIG_DIR") or PROJECT_ROOT / "config")
DECLARATION = CONFIG_DIR / "settings.yaml"
# Variables of other programs that the code reads as they define them.
FOREIGN_VARIABLES = {"ES_JAVA_HOME": "the JDK that runs Elasticsearch and the PDF worker (Elasticsearch's own variable)"}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


def env_name(name: str) -> str:
    return "GIAI_" + name.upper()


def load_declaration(path: Path = DECLARATION) -> dict[str, dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def _convert(name: str, spec: Mapping[str, Any], raw: Any) -> Any:
    kind = spec["type"]
    text = str(raw).strip()
    if kind == "int":
        try:
            value: Any = int(text)
        except ValueError:
            raise SettingsError(f"{env_name(name)}: expected a whole number, got {text!r}") from None
        low, high = spec.get("min"), spec.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            raise SettingsError(f"{env_name(name)}: {value} is outside {low}..{high}")
        return value
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise SettingsError(f"{env_name(name)}: expected true or false, got {text!r}")
    if kind == "path":
        return Path(text).expanduser() if text else None
    if kind == "str":
        if "choices" in spec and text not in spec["choices"]:
            raise SettingsError(f"{env_name(name)}: {text!r} is not one of {', '.join(spec['choices'])}")
        if "pattern" in spec and not re.fullmatch(spec["pattern"], text):
            raise SettingsError(f"{env_name(name)}: {text!r} does not match {spec['pattern']}")
        return text
    raise SettingsError(f"config/settings.yaml: {name} has an unknown type {kind!r}")


def _default_dirs(is_root: bool) -> dict[str, Path]:
    if is_root:
        return {"data_dir": Path("/var/lib/giai"), "cache_dir": Path("/var/cache/giai")}
    home = Path.home()
    return {"data_dir": home / ".local/share/giai", "cache_dir": home / ".cache/giai"}


@dataclass(frozen=True)
class Settings:
    """The settings of config/settings.yaml, one field each, in its order and of its type (a test
    checks that the two agree); their meaning is in the declaration's `help`."""

    config_dir: Path
    es_url: str
    es_pipeline_url: str
    es_portal_password: str
    es_pipeline_password: str
    es_api_key: str
    index: str
    data_dir: Path
    cache_dir: Path
    es_version: str
    es_port: int
    es_heap_mb: int
    es_start_timeout_s: int
    es_user: str
    index_shards: int
    index_replicas: int
    ingest_workers: int
    ingest_max_file_mb: int
    ingest_file_timeout_s: int
    ingest_worker_memory_mb: int
    ingest_max_pages: int
    ingest_ocr_languages: str
    ingest_fetch_timeout_s: int
    ingest_fetch_allowed_hosts: str
    ingest_bulk_docs: int
    ingest_bulk_mb: int
    ingest_es_retries: int
    ingest_es_backoff_ms: int
    portal_port: int
    portal_workers: int
    portal_threads: int
    portal_secret_key: str
    portal_page_size: int
    database_url: str
    session_cookie_secure: bool
    session_lifetime_hours: int
    login_throttle_account: int
    login_throttle_address: int
    login_throttle_window_s: int
    trusted_proxies: int
    portal_base_url: str
    smtp_host: str
    smtp_port: int
    smtp_starttls: bool
    smtp_user: str
    smtp_password: str
    mail_from: str
    metrics_token: str
    translation_claim_expiry_days: int
    xliff_max_mb: int
    ingest_feed_absent_runs: int
    audit_retention_days: int
    backup_es_repository: str


TYPES = {"str": str, "int": int, "bool": bool, "path": Path}  # the declaration's types as Python's
_DECLARED = load_declaration()


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from the declaration's defaults, then the environment, then keyword overrides."""
    environ = os.environ if environ is None else environ
    values = {}
    for name, spec in _DECLARED.items():
        raw = overrides.get(name, environ.get(env_name(name), spec["default"]))
        values[name] = raw if isinstance(raw, Path) else _convert(name, spec, raw)
    for name, default in _default_dirs(os.geteuid() == 0).items():
        values[name] = values[name] or default
    values["config_dir"] = values["config_dir"] or CONFIG_DIR
    return Settings(**values)


def describe() -> list[tuple[str, str, str]]:
    """(variable, default, help) for each declared setting, for `giai settings` and the README."""
    return [(env_name(n), str(s["default"]), s["help"]) for n, s in _DECLARED.items()]
