"""Debian's hunspell dictionaries, copied into the local node's configuration."""

from __future__ import annotations

import shutil
from pathlib import Path

# Debian package's file stem → the locale folder hunspell filters name in their settings.
DICTIONARIES = {"en_US": "en_US", "fr_FR": "fr_FR", "ru_RU": "ru_RU", "es_ES": "es_ES", "ar": "ar"}
DEBIAN_HUNSPELL = Path("/usr/share/hunspell")


class DictionariesMissing(RuntimeError):
    """Some dictionaries are not installed; the message says which and how to install them."""


def install_dictionaries(target: Path) -> list[str]:
    """Copy Debian's hunspell dictionaries to the node's config; returns the locales installed."""
    installed = []
    for stem, locale in DICTIONARIES.items():
        aff, dic = DEBIAN_HUNSPELL / f"{stem}.aff", DEBIAN_HUNSPELL / f"{stem}.dic"
        if not (aff.is_file() and dic.is_file()):
            continue
        folder = target / locale
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{locale}.aff").write_bytes(encoding_declared_first(aff.read_bytes()))
        shutil.copyfile(dic, folder / f"{locale}.dic")
        installed.append(locale)
    missing = set(DICTIONARIES.values()) - set(installed)
    if missing:
        raise DictionariesMissing(
            f"hunspell dictionaries missing for {', '.join(sorted(missing))}: run scripts/install-system-packages"
        )
    return installed


def encoding_declared_first(aff: bytes) -> bytes:
    """The affix file with its `SET` line first: Lucene reads the encoding only from the start of
    the file, and Debian's Arabic dictionary declares it on line 24,139."""
    lines = aff.splitlines(keepends=True)
    declaration = [line for line in lines if line.startswith(b"SET")]
    return b"".join(declaration[:1] + [line for line in lines if line not in declaration[:1]])
