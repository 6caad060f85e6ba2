"""The one network edge of the sources: an HTTP(S) GET that reaches public addresses only.

A feed names URLs that the pipeline fetches and then indexes; left alone, an entry (or a redirect)
could point at the machine itself, its private network or a cloud's metadata address, and the
answer would be published. So every request, the first and each redirect: is http or https; names
a host whose every address is global (no loopback, private, link-local, multicast or reserved
range) unless the operator allowed that host (`allowed_hosts`: "host" or "host:port", for an
intranet feed server); connects to the address that was checked (a second DNS answer cannot swap
it); follows at most MAX_REDIRECTS redirects; and reads the body in chunks, stopping past
`max_bytes` or the time limit.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_DEFAULT_PORTS = {"http": 80, "https": 443}


class FetchError(RuntimeError):
    """A source or a document could not be fetched; the message names it and says why, `reason`
    is the quarantine reason: `unreachable`, `too_large` past the size limit, `timed_out`, or
    `refused_url` for a URL the pipeline may not fetch (scheme, address, too many redirects)."""

    def __init__(self, message: str, reason: str = "unreachable"):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class FetchLimits:
    """How far one fetch may go: bytes, seconds (the whole fetch), hosts allowed although their
    addresses are not public, and the memory a feed's parser may use (MiB, 0: no limit)."""

    max_bytes: int
    timeout: float
    allowed_hosts: frozenset[str] = frozenset()
    memory_mb: int = 0


def parse_allowed_hosts(text: str) -> frozenset[str]:
    """The comma-separated "host" or "host:port" entries of a setting, lower-cased."""
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


def is_public(address: str) -> bool:
    """Whether an IP address is one the pipeline may reach without the operator's leave."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def fetch(url: str, limits: FetchLimits) -> bytes:
    """The body at `url` (redirects followed, each checked), or FetchError."""
    deadline = time.monotonic() + limits.timeout
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(url, limits, deadline)
        try:
            if response.status in _REDIRECTS and response.getheader("Location"):
                url = urllib.parse.urljoin(url, response.getheader("Location", ""))
                continue
            if response.status >= 400:
                raise FetchError(f"{url}: HTTP {response.status} {response.reason}")
            return _body(url, response, limits.max_bytes, deadline)
        finally:
            connection.close()
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", reason="refused_url")


def _request(url: str, limits: FetchLimits, deadline: float) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchError(f"{url}: only http and https URLs are fetched", reason="refused_url")
    try:
        host, port = parts.hostname, parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise FetchError(f"{url}: not a valid URL", reason="refused_url") from None
    if not host:
        raise FetchError(f"{url}: no host", reason="refused_url")
    address = _checked_address(url, host, port, limits.allowed_hosts)
    connection = http.client.HTTPConnection(host, port, timeout=_remaining(url, deadline))
    try:
        sock = socket.create_connection((address, port), timeout=_remaining(url, deadline))
        if scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        connection.sock = sock  # the checked address, never a second lookup
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request("GET", target, headers={"User-Agent": "giai-ingest", "Accept-Encoding": "identity"})
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        if isinstance(exc, TimeoutError):
            raise FetchError(f"{url}: no answer within {limits.timeout:g} s", reason="timed_out") from None
        raise FetchError(f"{url}: {exc}") from None


def _checked_address(url: str, host: str, port: int, allowed: frozenset[str]) -> str:
    """The address to connect to: the first of the host's, after every one was checked."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve {host} ({exc})") from None
    addresses = [info[4][0] for info in found]
    if not ({host.lower(), f"{host.lower()}:{port}"} & allowed):
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            raise FetchError(f"{url}: {host} resolves to {refused[0]}, not a public address", reason="refused_url")
    return addresses[0]


def _remaining(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: the time limit ran out", reason="timed_out")
    return left


def _body(url: str, response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        _remaining(url, deadline)
        try:
            chunk = response.read(_CHUNK)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: {exc}", reason="timed_out" if isinstance(exc, TimeoutError) else "unreachable") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: larger than {max_bytes} bytes", reason="too_large")
        chunks.append(chunk)
