"""The organisations whose documents the portal holds, read from config/sources.yaml.

Both halves read this: the pipeline for each organisation's sources and defaults, the portal for the
organisation's name in the reader's language. `parse_organisations` is pure; `load_organisations`
adds the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from giai.access import ACCESS_LEVELS
from giai.settings import CONFIG_DIR

SOURCES_FILE = CONFIG_DIR / "sources.yaml"
UNKNOWN = "unknown"  # organisation of files given on the command line without metadata
SOURCE_KINDS = ("folder", "feed", "inbox")


class OrganisationsError(ValueError):
    """config/sources.yaml is malformed; the message says where."""


@dataclass(frozen=True)
class SourceConfig:
    """One place an organisation's documents come from: a folder or inbox `path`, or a feed `url`."""

    kind: str
    path: str = ""
    url: str = ""
    access: str = ""  # empty: the organisation's default

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.path or self.url}"


@dataclass(frozen=True)
class Organisation:
    slug: str
    names: Mapping[str, str]
    default_language: str = "en"
    access: str = "public"
    sources: tuple[SourceConfig, ...] = field(default_factory=tuple)

    def name(self, language: str) -> str:
        """The organisation's name in `language`, else in English, else its slug."""
        return self.names.get(language) or self.names.get("en") or self.slug


UNKNOWN_ORGANISATION = Organisation(slug=UNKNOWN, names={"en": "Unknown organisation"})


def _source(slug: str, raw: Any) -> SourceConfig:
    if not isinstance(raw, Mapping) or raw.get("kind") not in SOURCE_KINDS:
        raise OrganisationsError(f"{slug}: each source needs a kind among {', '.join(SOURCE_KINDS)}")
    kind = raw["kind"]
    path, url = str(raw.get("path") or ""), str(raw.get("url") or "")
    if kind == "feed" and not url:
        raise OrganisationsError(f"{slug}: a feed source needs a url")
    if kind != "feed" and not path:
        raise OrganisationsError(f"{slug}: a {kind} source needs a path")
    access = str(raw.get("access") or "")
    if access and access not in ACCESS_LEVELS:
        raise OrganisationsError(f"{slug}: source access {access!r} is not one of {', '.join(ACCESS_LEVELS)}")
    return SourceConfig(kind=kind, path=path, url=url, access=access)


def parse_organisations(data: Any) -> list[Organisation]:
    """Organisations from the parsed YAML document (`{"organisations": [...]}`), validated."""
    entries = data.get("organisations") if isinstance(data, Mapping) else None
    if not isinstance(entries, list):
        raise OrganisationsError("sources.yaml: expected a list under `organisations`")
    result, seen = [], set()
    for raw in entries:
        slug = str(raw.get("slug") or "") if isinstance(raw, Mapping) else ""
        if not slug or slug in seen:
            raise OrganisationsError(f"sources.yaml: missing or repeated slug {slug!r}")
        seen.add(slug)
        access = str(raw.get("access") or "public")
        if access not in ACCESS_LEVELS:
            raise OrganisationsError(f"{slug}: access {access!r} is not one of {', '.join(ACCESS_LEVELS)}")
        result.append(
            Organisation(
                slug=slug,
                names={str(k): str(v) for k, v in (raw.get("names") or {}).items()},
                default_language=str(raw.get("default_language") or "en"),
                access=access,
                sources=tuple(_source(slug, s) for s in raw.get("sources") or ()),
            )
        )
    return result


def load_organisations(path: Path = SOURCES_FILE) -> list[Organisation]:
    """The organisations of config/sources.yaml (or `path`)."""
    try:
        with open(path, encoding="utf-8") as f:
            return parse_organisations(yaml.safe_load(f))
    except (OSError, yaml.YAMLError) as exc:
        raise OrganisationsError(f"{path}: {exc}") from None


def organisations_by_slug(organisations: list[Organisation]) -> dict[str, Organisation]:
    """Slug → organisation, with `unknown` always present."""
    return {UNKNOWN: UNKNOWN_ORGANISATION, **{o.slug: o for o in organisations}}
