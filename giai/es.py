"""The one way to reach Elasticsearch: GIAI_ES_URL when configured, else the local node."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from elastic_transport import OrjsonSerializer
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_errors

from giai import local_cluster
from giai.settings import Settings

# The local node's accounts (commands/es_accounts.py creates the two of least privilege): `elastic`
# sets the node up, the portal and the pipeline each connect as their own.
ADMIN = "elastic"
PORTAL = "giai_portal"
PIPELINE = "giai_pipeline"
# JSON in and out of Elasticsearch with orjson: a results page's answer is ~40 KB, which the
# standard library takes ~0.3 ms to read, orjson a quarter of that.
SERIALIZER = OrjsonSerializer()


class SearchUnavailable(RuntimeError):
    """Elasticsearch cannot be reached or refuses us; the message is one readable line."""


def password_file(settings: Settings, account: str = ADMIN):
    """Where the local node's password of `account` is kept (mode 0600)."""
    return settings.data_dir / f"{account}-password"


def local_urls(settings: Settings) -> list[str]:
    """The URL of each node of the local cluster (one for the single node)."""
    nodes = range(1, local_cluster.cluster_size(settings) + 1)
    return [f"http://127.0.0.1:{local_cluster.http_port(settings, number)}" for number in nodes]


def local_url(settings: Settings) -> str:
    """The local nodes' URLs, comma-separated, for messages."""
    return ",".join(local_urls(settings))


def split_urls(urls: str) -> list[str]:
    """GIAI_ES_URL may name several nodes of one cluster, comma-separated: a client that knows
    them all goes on to the next when one is lost."""
    return [url.strip() for url in urls.split(",") if url.strip()]


def redact(url: str) -> str:
    """The URL(s) without password, for messages and logs."""
    shown = []
    for one in split_urls(url):
        parts = urlsplit(one)
        if parts.password is not None:
            netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
            one = urlunsplit(parts._replace(netloc=netloc))
        shown.append(one)
    return ",".join(shown)


def url_with_credentials(settings: Settings, account: str = ADMIN) -> str:
    """GIAI_ES_URL as given, or the local nodes' URLs (comma-separated) with the password of
    `account` in them."""
    if settings.es_url:
        return settings.es_url
    password = read_local_password(settings, account)
    return ",".join(f"http://{account}:{password}@{url.removeprefix('http://')}" for url in local_urls(settings))


def read_local_password(settings: Settings, account: str = ADMIN) -> str:
    try:
        return password_file(settings, account).read_text(encoding="utf-8").strip()
    except OSError:
        missing = password_file(settings, account)
        raise SearchUnavailable(f"the local Elasticsearch is not set up ({missing} is missing): run `giai es start`") from None


def connect(settings: Settings, *, account: str = ADMIN, check: bool = True, timeout: float = 30) -> Elasticsearch:
    """A client for the configured cluster; with `check`, proves it answers or raises SearchUnavailable.

    GIAI_ES_URL carries its own credentials (each service of a deployment is given its account's);
    without it, the local node is reached as `account`."""
    if settings.es_url:
        urls = split_urls(settings.es_url)
        for url in urls or [settings.es_url]:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise SearchUnavailable(f"GIAI_ES_URL {redact(settings.es_url)!r} is not an http(s) URL")
        options = {"api_key": settings.es_api_key} if settings.es_api_key else {}
        client = Elasticsearch(urls, request_timeout=timeout, serializer=SERIALIZER, **options)
        shown = redact(settings.es_url)
    else:
        client = Elasticsearch(
            local_urls(settings), basic_auth=(account, read_local_password(settings, account)), request_timeout=timeout,
            serializer=SERIALIZER,
        )
        shown = local_url(settings)
    if check:
        ensure_reachable(client, shown)
    return client


def ensure_reachable(client: Elasticsearch, shown_url: str) -> dict:
    """Cluster health (GET / is missing on the local distribution), or SearchUnavailable naming the URL."""
    try:
        return client.options(request_timeout=10, max_retries=1).cluster.health().body
    except es_errors.AuthenticationException:
        raise SearchUnavailable(f"Elasticsearch at {shown_url} refused our credentials") from None
    except es_errors.ConnectionError as exc:
        raise SearchUnavailable(f"Elasticsearch at {shown_url} is unreachable: {_reason(exc)}") from None
    except es_errors.ApiError as exc:
        raise SearchUnavailable(f"Elasticsearch at {shown_url} answered {exc.meta.status}: {exc.message}") from None


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out", "No route to host"):
        if marker in text:
            return marker.lower()
    return text.splitlines()[0][:200] if text else type(exc).__name__
