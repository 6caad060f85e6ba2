"""Sources yield `SourceItem`s: one module per kind (folder and inbox, feed), and `plan_items`
which turns config/sources.yaml (or command-line paths) into the items of one run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from giai import PROJECT_ROOT
from giai.organisations import UNKNOWN, Organisation, SourceConfig
from ingest.models import SourceItem
from ingest.sources.feed import FetchError, feed_items
from ingest.sources.folder import folder_items, path_items

__all__ = ["SourceProblem", "source_items", "command_line_items", "FetchError"]


@dataclass(frozen=True)
class SourceProblem:
    """A source that could not be listed (a missing folder, an unreachable feed)."""

    organisation: str
    source: str
    message: str


def source_items(
    organisation: Organisation, source: SourceConfig, *, root: Path = PROJECT_ROOT, max_bytes: int, timeout: float
) -> Iterator[SourceItem]:
    """The items of one configured source; folder paths are relative to `root` (the repository)."""
    access = source.access or organisation.access
    if source.kind == "feed":
        yield from feed_items(
            source.url,
            organisation=organisation.slug,
            access=access,
            default_language=organisation.default_language,
            max_bytes=max_bytes,
            timeout=timeout,
        )
        return
    folder = (root / source.path) if not Path(source.path).is_absolute() else Path(source.path)
    if not folder.is_dir():
        raise FetchError(f"{source.path}: no such folder")
    yield from folder_items(
        folder,
        organisation=organisation.slug,
        locator_prefix=source.path,
        source_kind=source.kind,
        access=access,
        default_language=organisation.default_language,
    )


def command_line_items(paths: list[Path]) -> Iterator[SourceItem]:
    """Files and folders named on the command line, of organisation `unknown` unless sidecars say."""
    return path_items(paths, organisation=UNKNOWN)
