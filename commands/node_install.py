"""The local node's software: the server distribution from Maven Central, unpacked once into the
cache, and our analysis plugin, built with Maven and installed when it changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path

from commands.node_files import as_node_user, node_paths, run_tool
from giai import PROJECT_ROOT
from giai.settings import Settings

PLUGIN_DIR = PROJECT_ROOT / "search-server" / "analysis-plugin"
PLUGIN_NAME = "giai-analysis"  # as its stable-plugin-descriptor.properties names it
PLUGIN_ZIP = "giai-analysis-plugin.zip"


def fetch_distribution(settings: Settings) -> Path:
    """Unpack the server distribution into the cache once, fetching it with Maven if needed."""
    home = node_paths(settings).home
    if (home / "bin" / "elasticsearch").is_file():
        return home
    downloads = settings.cache_dir / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    archive = downloads / f"elasticsearch-{settings.es_version}.zip"
    if not archive.is_file():
        artifact = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{settings.es_version}:zip"
        run_tool(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={downloads}"],
             what="fetching Elasticsearch with Maven")
    staging = settings.cache_dir / f".unpack-{os.getpid()}"
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = Path(zf.extract(info, staging))
            mode = info.external_attr >> 16
            if mode and not info.is_dir():
                target.chmod(mode & 0o777)
    unpacked = staging / f"elasticsearch-{settings.es_version}"
    unpacked.rename(home)
    staging.rmdir()
    return home


def build_plugin(java_home: Path) -> Path:
    """Build our analysis plugin with Maven when its sources are newer than the zip."""
    target = PLUGIN_DIR / "target" / PLUGIN_ZIP
    sources = [p for p in PLUGIN_DIR.rglob("*") if p.is_file() and "target" not in p.parts]
    if not target.is_file() or max(p.stat().st_mtime for p in sources) > target.stat().st_mtime:
        run_tool(["mvn", "-q", "-B", "package", "-DskipTests"], what="building the analysis plugin",
             cwd=PLUGIN_DIR, env={**os.environ, "JAVA_HOME": str(java_home)})
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_plugin(settings: Settings, env: dict, user: str | None, plugin_zip: Path) -> None:
    """(Re)install the plugin zip when it differs from the installed one."""
    paths = node_paths(settings)
    marker = paths.home / f".{PLUGIN_NAME}.sha256"  # not in plugins/: the node reads every entry there
    digest = _sha256(plugin_zip)
    if marker.is_file() and marker.read_text().strip() == digest:
        return
    # The node's user must read the zip, and the source tree may be private: copy it to the cache.
    staged = settings.cache_dir / PLUGIN_ZIP
    shutil.copyfile(plugin_zip, staged)
    staged.chmod(0o644)
    tool = str(paths.home / "bin" / "elasticsearch-plugin")
    if (paths.home / "plugins" / PLUGIN_NAME).exists():
        run_tool(as_node_user(user, [tool, "remove", PLUGIN_NAME]), what="removing the old plugin", env=env)
    run_tool(as_node_user(user, [tool, "install", "--batch", staged.as_uri()]), what="installing the plugin", env=env)
    marker.write_text(digest)
