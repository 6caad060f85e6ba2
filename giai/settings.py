"""Settings declared once in config/settings.yaml, overridden by GIAI_* environment variables.

`load_settings()` validates every value at start and raises `SettingsError` with a one-line message
naming the variable, so a bad value never surfaces later as a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from giai import PROJECT_ROOT

CONFIG_DIR = Path(os.environ.get("GIAI_CONFIG_DIR", PROJECT_ROOT / "config"))
DECLARATION = CONFIG_DIR / "settings.yaml"

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


def _settings_class(declaration: Mapping[str, Any]) -> type:
    types = {"str": str, "int": int, "bool": bool, "path": Path}
    fields = [(name, types[spec["type"]]) for name, spec in declaration.items()]
    return dataclasses.make_dataclass("Settings", fields, frozen=True)


_DECLARED = load_declaration()
Settings = _settings_class(_DECLARED)


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from the declaration's defaults, then the environment, then keyword overrides."""
    environ = os.environ if environ is None else environ
    values = {}
    for name, spec in _DECLARED.items():
        raw = overrides.get(name, environ.get(env_name(name), spec["default"]))
        values[name] = raw if isinstance(raw, Path) else _convert(name, spec, raw)
    for name, default in _default_dirs(os.geteuid() == 0).items():
        values[name] = values[name] or default
    return Settings(**values)


def describe() -> list[tuple[str, str, str]]:
    """(variable, default, help) for each declared setting, for `giai settings` and the README."""
    return [(env_name(n), str(s["default"]), s["help"]) for n, s in _DECLARED.items()]
