"""Feed sources: RSS, Atom or JSON Feed documents listing files by URL.

`parse_feed` is pure (bytes in, entries out); it runs in a child process under the workers' memory
limit, so a hostile feed (an entity bomb, a huge document) costs that child, not the run.
`ingest.sources.fetch` is the network edge.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.limits import limit_memory
from ingest.models import Metadata, SourceItem
from ingest.sources.fetch import FetchError, FetchLimits, fetch
from ingest.sources.metadata import metadata_from_mapping

DOCUMENT_TYPES = ("application/pdf", "text/html", "application/vnd.openxmlformats", "text/plain", "application/msword")


@dataclass(frozen=True)
class FeedEntry:
    url: str
    metadata: Metadata


def _entry_metadata(fields: dict, where: str) -> Metadata:
    return metadata_from_mapping({k: v for k, v in fields.items() if v not in (None, "", [], ())}, where=where)


def _iso_date(parsed: time.struct_time | None, text: str | None) -> str | None:
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return text[:10] if text and len(text) >= 10 else None


def _document_url(links: list[dict], fallback: str) -> str:
    enclosures = [link for link in links if link.get("rel") == "enclosure" and link.get("href")]
    for link in enclosures:
        if str(link.get("type", "")).startswith(DOCUMENT_TYPES):
            return link["href"]
    return enclosures[0]["href"] if enclosures else fallback


def _parse_json_feed(data: dict, base_url: str) -> list[FeedEntry]:
    feed_language = data.get("language")
    entries = []
    for number, item in enumerate(data.get("items") or []):
        attachments = [a for a in item.get("attachments") or [] if a.get("url")]
        preferred = [a for a in attachments if str(a.get("mime_type", "")).startswith(DOCUMENT_TYPES)]
        url = (preferred or attachments or [{"url": item.get("url") or item.get("external_url")}])[0]["url"]
        if not url:
            continue
        fields = {
            "title": item.get("title"),
            "summary": item.get("summary"),
            "date": _iso_date(None, item.get("date_published") or item.get("date_modified")),
            "language": item.get("language") or feed_language,
            "categories": item.get("tags") or [],
        }
        entries.append(
            FeedEntry(urllib.parse.urljoin(base_url, url), _entry_metadata(fields, f"{base_url} item {number + 1}"))
        )
    return entries


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS, Atom or JSON Feed document: each document's absolute URL and metadata
    (title, summary, date, language, categories)."""
    stripped = body.lstrip()
    if stripped.startswith(b"{"):
        try:
            return _parse_json_feed(json.loads(stripped), base_url)
        except ValueError as exc:
            raise FetchError(f"{base_url}: not a JSON Feed ({exc})") from None
    import feedparser  # heavy; only feeds need it

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"{base_url}: not a feed ({parsed.get('bozo_exception')})")
    feed_language = parsed.feed.get("language")
    entries = []
    for number, entry in enumerate(parsed.entries):
        url = _document_url(entry.get("links", []), entry.get("link", ""))
        if not url:
            continue
        language = entry.get("language") or (entry.get("title_detail") or {}).get("language") or feed_language
        fields = {
            "title": entry.get("title"),
            "summary": entry.get("summary"),
            "date": _iso_date(entry.get("published_parsed") or entry.get("updated_parsed"), None),
            "language": (language or "")[:2] or None,
            "categories": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        }
        entries.append(
            FeedEntry(urllib.parse.urljoin(base_url, url), _entry_metadata(fields, f"{base_url} entry {number + 1}"))
        )
    return entries


def parse_feed_isolated(body: bytes, base_url: str, limits: FetchLimits) -> list[FeedEntry]:
    """`parse_feed` in a child process capped at `limits.memory_mb` and `limits.timeout`."""
    context = multiprocessing.get_context("forkserver")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_parse_in_child, args=(sender, body, base_url, limits.memory_mb), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout):
            raise FetchError(f"{base_url}: the feed took longer than {limits.timeout:g} s to parse", reason="timed_out")
        answer, problem, reason = receiver.recv()
    except EOFError:
        raise FetchError(f"{base_url}: the feed needs more memory than a worker may use", reason="too_large") from None
    finally:
        child.kill()
        child.join()
        receiver.close()
    if problem:
        raise FetchError(problem, reason=reason)
    return answer


def _parse_in_child(sender: multiprocessing.connection.Connection, body: bytes, base_url: str, memory_mb: int) -> None:
    limit_memory(memory_mb)
    try:
        sender.send((parse_feed(body, base_url), "", ""))
    except FetchError as exc:
        sender.send(([], str(exc), exc.reason))
    except MemoryError:
        sender.send(([], f"{base_url}: the feed needs more memory than a worker may use", "too_large"))


def feed_items(
    url: str, *, organisation: str, access: str, default_language: str, limits: FetchLimits
) -> Iterator[SourceItem]:
    """One item per document the feed at `url` lists; its locator is the document's URL."""
    for entry in parse_feed_isolated(fetch(url, limits), url, limits):
        name = urllib.parse.unquote(urllib.parse.urlsplit(entry.url).path.rsplit("/", 1)[-1]) or "document"
        yield SourceItem(
            organisation=organisation,
            source_kind="feed",
            locator=entry.url,
            name=name,
            url=entry.url,
            metadata=entry.metadata,
            access=access,
            default_language=default_language,
        )
