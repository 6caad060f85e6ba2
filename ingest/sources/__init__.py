"""Sources yield `SourceItem`s: one module per kind (folder and inbox, feed), and the functions
that turn config/sources.yaml (or command-line paths) into the items of one run.

A sidecar or manifest may file a document under another organisation only where the source has no
organisation of its own (command-line paths) and only under one that config/sources.yaml knows; a
source of an organisation, or an organisation's inbox folder, files everything under that
organisation. A refused claim is dropped with a warning that the status shows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from giai import PROJECT_ROOT
from giai.inbox import inbox_organisation
from giai.organisations import UNKNOWN, Organisation, SourceConfig
from giai.settings import Settings
from ingest.models import SourceItem
from ingest.sources.feed import feed_items
from ingest.sources.fetch import FetchError, FetchLimits
from ingest.sources.folder import folder_items, path_items

__all__ = ["SourceProblem", "source_items", "command_line_items", "checked_organisation", "FetchError", "FetchLimits"]


@dataclass(frozen=True)
class SourceProblem:
    """A source that could not be listed (a missing folder, an unreachable feed)."""

    organisation: str
    source: str
    message: str


def checked_organisation(item: SourceItem, known: Collection[str], owner: str | None) -> SourceItem:
    """`item` with its metadata's organisation dropped (and a warning) unless `known` holds it
    and, when the source belongs to an organisation (`owner`), it is that one."""
    claimed = item.metadata.organisation
    if claimed is None or (claimed in known and owner in (None, claimed)):
        return item
    if claimed not in known:
        problem = f"organisation {claimed!r} refused: no such organisation in config/sources.yaml"
    else:
        problem = f"organisation {claimed!r} refused: this source belongs to {owner!r}"
    metadata = replace(item.metadata, organisation=None, warnings=(*item.metadata.warnings, problem))
    return replace(item, metadata=metadata)


def source_items(
    organisation: Organisation, source: SourceConfig, *, known: Collection[str], limits: FetchLimits,
    root: Path = PROJECT_ROOT,
) -> Iterator[SourceItem]:
    """The items of one configured source; folder paths are relative to `root` (the repository)."""
    access = source.access or organisation.access
    if source.kind == "feed":
        items = feed_items(
            source.url,
            organisation=organisation.slug,
            access=access,
            default_language=organisation.default_language,
            limits=limits,
        )
    else:
        folder = (root / source.path) if not Path(source.path).is_absolute() else Path(source.path)
        if not folder.is_dir():
            raise FetchError(f"{source.path}: no such folder")
        items = folder_items(
            folder,
            organisation=organisation.slug,
            locator_prefix=source.path,
            source_kind=source.kind,
            access=access,
            default_language=organisation.default_language,
        )
    for item in items:
        yield checked_organisation(item, known, organisation.slug)


def command_line_items(paths: list[Path], *, known: Collection[str], settings: Settings) -> Iterator[SourceItem]:
    """Files and folders named on the command line, of organisation `unknown` unless sidecars say;
    files in an organisation's inbox folder are that organisation's."""
    for item in path_items(paths, organisation=UNKNOWN):
        owner = inbox_organisation(item.path, settings) if item.path else None
        if owner is not None:
            item = replace(item, organisation=owner)
        yield checked_organisation(item, known, owner)
