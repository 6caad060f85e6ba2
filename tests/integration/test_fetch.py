"""Fetching for feeds reaches public addresses only: local HTTP servers on 127.0.0.1 stand for the
machine's own services, and the operator's allow-list for an intranet feed server (security review
finding 3). No request here leaves the machine: refused addresses are refused before connecting."""

from __future__ import annotations

import pytest
from ingest_support import by_name, documents, ingest_env, ingest_ok, status

from giai import PROJECT_ROOT
from giai.index_schema import document_id
from ingest.sources.feed import parse_feed_isolated
from ingest.sources.fetch import MAX_REDIRECTS, FetchError, FetchLimits, fetch, is_public
from tests.fixtures import web

SECRET = "Quixotl internal admin page"


@pytest.fixture
def internal(tmp_path):
    """A service of the machine itself that must never be fetched."""
    root = tmp_path / "internal"
    root.mkdir()
    (root / "admin.txt").write_text(SECRET)
    with web.site(root) as base:
        yield base


@pytest.fixture
def feed_site(tmp_path, internal):
    """The feed server the operator allowed, whose entries point at the internal service."""
    root = tmp_path / "feed"
    root.mkdir()
    (root / "report.txt").write_text("Torture in detention: a public report.\n" * 5)
    redirects = {"/to-internal": f"{internal}/admin.txt", "/to-file": "file:///etc/passwd", "/loop": "/loop"}
    with web.site(root, redirects) as base:
        yield base


def limits(*allowed: str, max_bytes: int = 10_000) -> FetchLimits:
    return FetchLimits(max_bytes=max_bytes, timeout=10, allowed_hosts=frozenset(allowed))


def refused(url: str, allowed: FetchLimits) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, allowed)
    return caught.value


def test_an_allowed_host_is_fetched(feed_site):
    assert fetch(f"{feed_site}/report.txt", limits(web.host_port(feed_site))).startswith(b"Torture")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost:9/", "http://[::1]:9/",
                                 "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://192.168.0.1/",
                                 "http://0.0.0.0:9/", "http://[::ffff:127.0.0.1]:9/"])
def test_loopback_private_and_link_local_addresses_are_refused_before_connecting(url):
    assert refused(url, limits()).reason == "refused_url"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://127.0.0.1/"])
def test_only_http_and_https_are_fetched(url):
    assert refused(url, limits()).reason == "refused_url"


def test_a_redirect_to_an_internal_address_is_refused(feed_site, internal):
    error = refused(f"{feed_site}/to-internal", limits(web.host_port(feed_site)))
    assert error.reason == "refused_url" and web.host_port(internal) in str(error)


def test_a_redirect_to_a_file_url_is_refused(feed_site):
    assert refused(f"{feed_site}/to-file", limits(web.host_port(feed_site))).reason == "refused_url"


def test_redirects_are_capped(feed_site):
    error = refused(f"{feed_site}/loop", limits(web.host_port(feed_site)))
    assert error.reason == "refused_url" and f"more than {MAX_REDIRECTS} redirects" in str(error)


def test_a_body_past_the_limit_stops_the_read(feed_site):
    assert refused(f"{feed_site}/report.txt", limits(web.host_port(feed_site), max_bytes=50)).reason == "too_large"


def test_public_means_global_unicast():
    assert is_public("8.8.8.8") and is_public("2001:4860:4860::8888")
    assert not any(map(is_public, ["127.0.0.1", "10.0.0.1", "172.16.0.1", "169.254.1.1", "::1", "fe80::1", "224.0.0.1"]))


def test_a_feed_parser_past_its_memory_limit_is_stopped_with_a_reason():
    body = b'{"items": [' + b",".join(b'{"url": "https://example.org/%d.pdf"}' % i for i in range(2000)) + b"]}"
    with pytest.raises(FetchError) as caught:
        parse_feed_isolated(body, "https://example.org/feed.json", FetchLimits(1_000_000, 30, memory_mb=20))
    assert caught.value.reason == "too_large"
    entries = parse_feed_isolated(body, "https://example.org/feed.json", FetchLimits(1_000_000, 30, memory_mb=2048))
    assert len(entries) == 2000


def test_feed_entries_pointing_inside_the_machine_are_quarantined_and_never_indexed(
    es, alias, settings, tmp_path, feed_site, internal
):
    (tmp_path / "feed").joinpath("feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "News", "items": ['
        f'{{"id": "1", "url": "{feed_site}/report.txt", "title": "Public report"}},'
        f'{{"id": "2", "url": "{internal}/admin.txt", "title": "Direct"}},'
        f'{{"id": "3", "url": "{feed_site}/to-internal", "title": "Redirected"}},'
        f'{{"id": "4", "url": "{feed_site}/to-file", "title": "File"}}]}}'
    )
    config = tmp_path / "config"
    config.mkdir()
    for path in (PROJECT_ROOT / "config").glob("*.yaml"):
        if path.name != "sources.yaml":
            config.joinpath(path.name).write_bytes(path.read_bytes())
    config.joinpath("sources.yaml").write_text(
        "organisations:\n- slug: trial\n  names: {en: TRIAL}\n  default_language: en\n  access: public\n"
        f"  sources:\n  - {{kind: feed, url: '{feed_site}/feed.json'}}\n"
    )
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_CONFIG_DIR=str(config),
                     GIAI_INGEST_FETCH_ALLOWED_HOSTS=web.host_port(feed_site))

    ingest_ok(env=env)

    rows = by_name(status(env))
    assert rows["report.txt"]["status"] == "indexed"
    assert {rows[name]["reason"] for name in ("admin.txt", "to-internal", "to-file")} == {"refused_url"}
    assert SECRET.split()[0] not in str(documents(es, alias))
    assert document_id("trial", f"{feed_site}/report.txt") in documents(es, alias)
