"""The records that flow between the pipeline's stages.

A `SourceItem` is what a source yields (where a file is and what its publisher says about it); a
`Task` is an item whose bytes are in the raw store, sent to a worker; an `Outcome` is what the
worker made of it: the Elasticsearch document, or the reason the file was quarantined.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from giai.db.protection import ProtectionState
from giai.index_schema import document_id

LIST_KEYS = ("crime_type", "gender", "country", "access_orgs", "categories", "case_numbers", "parties")


def utc_now() -> str:
    """Now in UTC, to the second, as ISO 8601: the timestamps of the ledger, the raw store and documents."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Metadata:
    """What a sidecar, a manifest row or a feed entry says about a file; None/() when it says nothing.

    `categories` are a feed's free-text tags (matched against the thesaurus); `warnings` are the
    values that were given but could not be used, kept so the status can show them."""

    title: str | None = None
    summary: str | None = None
    language: str | None = None
    date: str | None = None  # YYYY-MM-DD
    doc_type: str | None = None
    crime_type: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    body: str | None = None
    access: str | None = None
    access_orgs: tuple[str, ...] = ()
    translation_group: str | None = None
    organisation: str | None = None
    categories: tuple[str, ...] = ()
    # Case law (ingest/caselaw.py): the case's name, numbers as the court writes them, ECLI,
    # decision date (YYYY-MM-DD), chamber, court (a body id), parties, and the act's type.
    case_name: str | None = None
    case_numbers: tuple[str, ...] = ()
    ecli: str | None = None
    decided: str | None = None
    chamber: str | None = None
    court: str | None = None
    parties: tuple[str, ...] = ()
    case_type: str | None = None
    warnings: tuple[str, ...] = ()

    def overridden_by(self, other: Metadata) -> Metadata:
        """These values, with every value `other` gives taking precedence; warnings of both."""
        changes: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(other, f.name)
            if f.name == "warnings":
                changes["warnings"] = self.warnings + other.warnings
            elif value not in (None, ()):
                changes[f.name] = value
        return replace(self, **changes)


@dataclass(frozen=True)
class SourceItem:
    """One file a source offers: a local `path` or a remote `url`, with its publisher's metadata.

    `locator` identifies the file within its organisation across runs (a path relative to the
    configured source, an absolute path for command-line files, a URL for feeds); `root` is the
    folder a local `path` must stay inside (see ingest/sources/confine.py)."""

    organisation: str
    source_kind: str
    locator: str
    name: str
    path: Path | None = None
    root: Path | None = None
    url: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    access: str = "public"
    default_language: str = "en"
    # The id this file had before it moved inside its source (ingest/identity.py); None: a new file.
    known_id: str | None = None

    @property
    def effective_organisation(self) -> str:
        return self.metadata.organisation or self.organisation

    @property
    def doc_id(self) -> str:
        return self.known_id or document_id(self.effective_organisation, self.locator)

    @property
    def sidecar_digest(self) -> str:
        """What the publisher says of the file (sidecar, manifest, feed), whatever its name: with
        the content, what recognises a file that moved."""
        described = {k: v for k, v in asdict(self.metadata).items() if k != "warnings"}
        return hashlib.sha256(json.dumps(described, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    @property
    def metadata_digest(self) -> str:
        """Changes when anything but the content that shapes the document changes: the sidecar,
        manifest or feed metadata, the source's access, the organisation's default language."""
        described = {
            "metadata": {k: v for k, v in asdict(self.metadata).items() if k != "warnings"},
            "access": self.access,
            "default_language": self.default_language,
            "name": self.name,
            "source_kind": self.source_kind,
        }
        return hashlib.sha256(json.dumps(described, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Task:
    """An item whose content is stored: the worker reads `raw_path` and never fetches anything.

    `corrections` (facet → values) are curators' corrections of this document, which win over
    metadata and rules and so survive re-ingestion; the runner fills them from the curation
    store, and `protection` with the protected names of the document's organisation and the
    curators' content-note verdicts on its pages (giai/db/protection.py)."""

    item: SourceItem
    raw_path: str
    sha256: str
    size: int
    fetched_at: str
    corrections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    protection: ProtectionState = field(default_factory=ProtectionState)
    added_at: str = ""


@dataclass
class Outcome:
    """What became of one file. `source` is the Elasticsearch document (None when quarantined);
    `timings` and `cpu_timings` are wall and CPU seconds spent per stage (extract, detect, classify)."""

    doc_id: str
    status: str
    reason: str = ""
    detail: str = ""
    pages: int = 0
    languages: tuple[str, ...] = ()
    language: str = ""
    title: str = ""
    media_type: str = ""
    source: dict[str, Any] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    cpu_timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
