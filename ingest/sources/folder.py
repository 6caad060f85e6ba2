"""Folder and inbox sources: files under a directory, with their sidecars and manifests.

Walks in sorted order (runs are reproducible), skips hidden files and the metadata files
themselves. A file's metadata is the nearest enclosing manifest.csv row, overridden by its own
`F.meta.yaml`. Symbolic links are listed (files and folders alike) but never followed: the runner
refuses them (ingest/sources/confine.py), and a linked sidecar or manifest is not read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ingest.models import Metadata, SourceItem
from ingest.sources.metadata import (
    MANIFEST_NAME,
    SIDECAR_SUFFIX,
    is_metadata_file,
    parse_manifest,
    parse_sidecar,
)


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _manifest(folder: Path) -> dict[str, Metadata]:
    path = folder / MANIFEST_NAME
    return parse_manifest(_read_text(path), where=str(path)) if _is_plain_file(path) else {}


def file_metadata(path: Path, manifests: list[tuple[Path, dict[str, Metadata]]]) -> Metadata:
    """The metadata of `path`: from the nearest manifest naming it, overridden by its sidecar.

    `manifests` are (folder, rows) pairs from the outermost to the innermost folder."""
    metadata = Metadata()
    for folder, rows in reversed(manifests):
        row = rows.get(path.relative_to(folder).as_posix())
        if row is not None:
            metadata = row
            break
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_symlink():
        metadata = metadata.overridden_by(Metadata(warnings=(f"{sidecar}: a symbolic link, not read",)))
    elif sidecar.is_file():
        metadata = metadata.overridden_by(parse_sidecar(_read_text(sidecar), where=str(sidecar)))
    return metadata


def _walk(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """(folder, sorted entry names) for every non-hidden folder under root, in sorted order; the
    entries are its files and its links to folders (which the walk does not enter)."""
    for folder, dirs, files in os.walk(root):
        linked = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        names = [f for f in files + linked if not f.startswith(".") and not is_metadata_file(f)]
        yield Path(folder), sorted(names)


def folder_items(
    root: Path,
    *,
    organisation: str,
    locator_prefix: str,
    source_kind: str = "folder",
    access: str = "public",
    default_language: str = "en",
) -> Iterator[SourceItem]:
    """Every document file under `root`; its locator is `locator_prefix/<path relative to root>`."""
    stack: list[tuple[Path, dict[str, Metadata]]] = []
    for folder, names in _walk(root):
        while stack and not folder.is_relative_to(stack[-1][0]):
            stack.pop()
        rows = _manifest(folder)
        if rows:
            stack.append((folder, rows))
        for name in names:
            path = folder / name
            if not (path.is_symlink() or path.is_file()):
                continue
            relative = path.relative_to(root).as_posix()
            yield SourceItem(
                organisation=organisation,
                source_kind=source_kind,
                locator=f"{locator_prefix.rstrip('/')}/{relative}",
                name=name,
                path=path,
                root=root,
                metadata=file_metadata(path, stack),
                access=access,
                default_language=default_language,
            )


def path_items(paths: list[Path], *, organisation: str) -> Iterator[SourceItem]:
    """Files and folders given on the command line; locators are absolute paths, so the same file
    keeps its id whatever directory the command runs from. A folder named is resolved (the
    operator chose it); a file named is not, so a link given as a file is refused like any other."""
    manifests: dict[Path, dict[str, Metadata]] = {}  # parent folder → its manifest, read once for its files
    for given in paths:
        if given.is_dir():
            folder = given.resolve()
            yield from folder_items(folder, organisation=organisation, locator_prefix=folder.as_posix(), source_kind="path")
            continue
        path = given.absolute().parent.resolve() / given.name
        if (path.is_symlink() or path.is_file()) and not is_metadata_file(path.name):
            if path.parent not in manifests:
                manifests[path.parent] = _manifest(path.parent)
            manifest = [(path.parent, manifests[path.parent])]
            yield SourceItem(
                organisation=organisation,
                source_kind="path",
                locator=path.as_posix(),
                name=path.name,
                path=path,
                root=path.parent,
                metadata=file_metadata(path, manifest),
            )
