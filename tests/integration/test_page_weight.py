"""Users on slow connections: a results page with every stylesheet and script it links weighs at
most 60 KB compressed, measured on the portal served by `giai serve`.

The portal does not compress its answers itself: it serves on 127.0.0.1 behind a TLS proxy
(config/settings.yaml, portal_port), which compresses. So each answer is counted as served,
gzip-compressed here at zlib's default level as such a proxy sends it (an answer that arrives
compressed is counted as it arrives). Pages: the sample corpus's results in three scripts, and a synthetic collection in
which every facet has hundreds of values and every hit two snippets.
"""

from __future__ import annotations

import gzip
import urllib.request
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest

from benchmarks.live_portal import giai_environment, served
from benchmarks.synthetic_index import ensure_synthetic_index
from ingest.index_migration import drop_alias_and_indices

LIMIT_BYTES = 60 * 1024
SYNTHETIC_DOCUMENTS = 3_000


class Assets(HTMLParser):
    """The stylesheets and scripts a page links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and (found.get("rel") or "").lower() == "stylesheet" and found.get("href"):
            self.urls.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.urls.append(found["src"])


def served_bytes(url: str) -> tuple[bytes, int]:
    """(the answer's body as text, its size compressed as sent)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, url
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(body), len(body)
    return body, len(gzip.compress(body))


def page_weight(url: str) -> dict[str, tuple[int, int]]:
    """URL → (raw bytes, compressed bytes) of the page and of every same-origin asset it links."""
    html, compressed = served_bytes(url)
    weights = {url: (len(html), compressed)}
    parser = Assets()
    parser.feed(html.decode("utf-8"))
    origin = urlsplit(url).netloc
    for link in dict.fromkeys(parser.urls):
        asset = urljoin(url, link)
        if urlsplit(asset).netloc == origin:
            body, size = served_bytes(asset)
            weights[asset] = (len(body), size)
    return weights


def describe(weights: dict[str, tuple[int, int]]) -> str:
    lines = [f"{compressed / 1024:6.1f} KB compressed, {raw / 1024:6.1f} KB raw  {urlsplit(url).path}"
             for url, (raw, compressed) in weights.items()]
    total = sum(compressed for _raw, compressed in weights.values())
    return "\n".join([*lines, f"{total / 1024:6.1f} KB compressed in all (limit {LIMIT_BYTES / 1024:.0f} KB)"])


@pytest.fixture(scope="module")
def synthetic_portal(settings, es, tmp_path_factory) -> Iterator[str]:
    alias = f"test-weight-{uuid.uuid4().hex[:10]}"
    data_dir = tmp_path_factory.mktemp("weight-synthetic")
    try:
        ensure_synthetic_index(es, alias, SYNTHETIC_DOCUMENTS)
        with served(giai_environment(settings, alias, data_dir), data_dir / "serve.log") as portal:
            yield portal.url
    finally:
        drop_alias_and_indices(es, alias)


@pytest.mark.parametrize("path", [
    "/en/search?q=torture",
    "/en/search",
    "/ar/search?q=" + quote("التعذيب"),
    "/ru/search?q=" + quote("пытки") + "&crime_type=torture",
])
def test_a_results_page_of_the_sample_corpus_weighs_at_most_60_kb_compressed(portal_url, path):
    weights = page_weight(portal_url + path)
    print(describe(weights))
    assert len(weights) >= 3, f"the page links its stylesheet and script:\n{describe(weights)}"
    assert sum(compressed for _raw, compressed in weights.values()) <= LIMIT_BYTES, describe(weights)


@pytest.mark.parametrize("path", ["/en/search", "/en/search?q=" + quote("tribunal OR court OR cour OR суд")])
def test_a_results_page_with_every_facet_full_weighs_at_most_60_kb_compressed(synthetic_portal, path):
    weights = page_weight(synthetic_portal + path)
    print(describe(weights))
    assert sum(compressed for _raw, compressed in weights.values()) <= LIMIT_BYTES, describe(weights)
