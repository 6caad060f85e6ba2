"""The one way to reach Elasticsearch: GIAI_ES_URL when configured, else the local node."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from elastic_transport import OrjsonSerializer
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_errors

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


def local_url(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.es_port}"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def url_with_credentials(settings: Settings, account: str = ADMIN) -> str:
    """GIAI_ES_URL as given, or the local node's URL with the password of `account` in it."""
    if settings.es_url:
        return settings.es_url
    host = local_url(settings).removeprefix("http://")
    return f"http://{account}:{read_local_password(settings, account)}@{host}"


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
        parts = urlsplit(settings.es_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SearchUnavailable(f"GIAI_ES_URL {redact(settings.es_url)!r} is not an http(s) URL")
        options = {"api_key": settings.es_api_key} if settings.es_api_key else {}
        client = Elasticsearch(settings.es_url, request_timeout=timeout, serializer=SERIALIZER, **options)
        shown = redact(settings.es_url)
    else:
        client = Elasticsearch(
            local_url(settings), basic_auth=(account, read_local_password(settings, account)), request_timeout=timeout,
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
