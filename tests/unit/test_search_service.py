"""Access by construction: the search service adds the viewer's filter to every body it reads, and
no other code of the portal sends a search."""

from __future__ import annotations

import re

from giai import PROJECT_ROOT
from giai.access import ANONYMOUS, access_filter
from portal.search.service import restricted

# What sends a body to Elasticsearch for reading, on a client.
READS = re.compile(r"\.(search|msearch|count|open_point_in_time|get|mget|termvectors|explain)\(")


def test_a_body_is_read_under_the_viewers_filter_with_its_own_query_and_parts_kept():
    body = {"query": {"match": {"title": "torture"}}, "aggs": {"n": {"terms": {"field": "language"}}}, "size": 3}
    read = restricted(body, ANONYMOUS)
    assert read["query"] == {"bool": {"filter": [access_filter(ANONYMOUS)], "must": [body["query"]]}}
    assert read["aggs"] == body["aggs"] and read["size"] == 3
    assert body["query"] == {"match": {"title": "torture"}}  # the caller's body is left as it was


def test_a_body_without_a_query_reads_everything_the_viewer_may_see():
    assert restricted({"size": 0}, ANONYMOUS)["query"]["bool"]["must"] == [{"match_all": {}}]


def test_only_the_search_service_sends_reads_to_elasticsearch():
    service = PROJECT_ROOT / "portal" / "search" / "service.py"
    senders = sorted(
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in (PROJECT_ROOT / "portal").rglob("*.py")
        if path != service and re.search(r"client\s*\)?\s*" + READS.pattern, path.read_text(encoding="utf-8"))
    )
    assert senders == []
    assert re.search(r"client\s*\)?\s*" + READS.pattern, service.read_text(encoding="utf-8"))  # the scan finds reads
