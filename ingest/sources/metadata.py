"""Sidecar metadata (`F.meta.yaml`) and `manifest.csv` parsing: text in, `Metadata` out (pure).

A value that cannot be used becomes a warning, never an exception: one publisher's typo must not
stop a run. Keys and list separators follow the conventions: lists are YAML lists (or one string)
in sidecars and `|`-separated in manifests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import Any

import yaml

from giai.index_schema import ACCESS_LEVELS, LANGUAGES
from ingest.models import LIST_KEYS, Metadata

SIDECAR_SUFFIX = ".meta.yaml"
MANIFEST_NAME = "manifest.csv"
TEXT_KEYS = ("title", "summary", "doc_type", "body", "translation_group", "organisation",
             "case_name", "ecli", "chamber", "court", "case_type")
KEYS = set(TEXT_KEYS) | set(LIST_KEYS) | {"language", "date", "decided", "access"}
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_COUNTRY = re.compile(r"[A-Z]{2}")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _list(value: Any, separator: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = value
    elif separator:
        items = str(value).split(separator)
    else:
        items = [value]
    return tuple(t for t in (str(i).strip() for i in items if i is not None) if t)


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(str(value).strip()).isoformat()  # ValueError on anything else


def metadata_from_mapping(raw: Mapping[str, Any], *, separator: str | None = None, where: str = "") -> Metadata:
    """Validated metadata from one mapping of sidecar keys; unusable values become warnings."""
    values: dict[str, Any] = {}
    warnings: list[str] = []
    prefix = f"{where}: " if where else ""
    for key, value in raw.items():
        key = str(key).strip()
        if key not in KEYS:
            warnings.append(f"{prefix}unknown key {key!r} ignored")
        elif key in LIST_KEYS:
            values[key] = _list(value, separator)
        elif key in ("date", "decided"):
            if _text(value) is None:
                continue
            try:
                values[key] = _date(value)
            except ValueError:
                warnings.append(f"{prefix}{key} {value!r} is not YYYY-MM-DD")
        else:
            values[key] = _text(value)
    if values.get("language") and values["language"].lower() not in LANGUAGES:
        warnings.append(f"{prefix}language {values['language']!r} is not one of {', '.join(LANGUAGES)}")
        values["language"] = None
    elif values.get("language"):
        values["language"] = values["language"].lower()
    if values.get("access") and values["access"] not in ACCESS_LEVELS:
        warnings.append(f"{prefix}access {values['access']!r} is not one of {', '.join(ACCESS_LEVELS)}")
        values["access"] = None
    if values.get("organisation") and not _SLUG.fullmatch(values["organisation"]):
        warnings.append(f"{prefix}organisation {values['organisation']!r} is not a slug")
        values["organisation"] = None
    if values.get("country"):
        codes = tuple(c.upper() for c in values["country"])
        bad = [c for c in codes if not _COUNTRY.fullmatch(c)]
        if bad:
            warnings.append(f"{prefix}country {', '.join(bad)} not ISO 3166-1 alpha-2")
        values["country"] = tuple(c for c in codes if _COUNTRY.fullmatch(c))
    return Metadata(**values, warnings=tuple(warnings))


def parse_sidecar(text: str, where: str = "") -> Metadata:
    """Metadata from the text of a `F.meta.yaml`; malformed YAML gives empty metadata and a warning."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        return Metadata(warnings=(f"{where}: malformed YAML{line}, sidecar ignored",))
    if raw is None:
        return Metadata()
    if not isinstance(raw, Mapping):
        return Metadata(warnings=(f"{where}: expected a mapping of keys, sidecar ignored",))
    return metadata_from_mapping(raw, where=where)


def parse_manifest(text: str, where: str = MANIFEST_NAME) -> dict[str, Metadata]:
    """Relative file path → metadata, from the text of a manifest.csv (column `file` + sidecar keys).

    Rows without a `file` cell are skipped; empty cells mean "not given"."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    result: dict[str, Metadata] = {}
    for number, row in enumerate(reader, start=2):
        name = (row.pop("file", None) or "").strip()
        if not name:
            continue
        cells = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
        result[normalise_relative(name)] = metadata_from_mapping(cells, separator="|", where=f"{where}:{number}")
    return result


def normalise_relative(name: str) -> str:
    """A manifest's relative path in the form the folder walker uses (posix, no leading ./)."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def is_metadata_file(name: str) -> bool:
    """Sidecars and manifests describe files; they are never documents themselves."""
    return name.endswith(SIDECAR_SUFFIX) or name == MANIFEST_NAME
