"""Elasticsearch request bodies for every read the portal makes (pure functions, no I/O).

The shape of a search (see DESIGN.md, Elasticsearch):
- the user's text as `simple_query_string` over the title fields and, through a `nested` query
  with `inner_hits`, over the page fields, so every hit names the pages its snippets come from;
- beside it, weighted lower, the names in other languages of the thesaurus concepts and countries
  the text names (`portal.search.expansion`), unless the user turned expansion off;
- the viewer's access filter inside `query`, so hits and every facet count obey it;
- the facet filters in `post_filter`, and each facet with a selected value counted under every
  facet filter but its own: ticking a country keeps the other countries countable (multi-select);
  the facets with nothing selected are counted together under every filter;
- snippets highlighted with the HTML encoder, only on the fields that can match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from giai.access import Viewer, access_filter
from giai.index_schema import FACETS, LANGUAGES, YEAR_FACETS
from portal.search import citator
from portal.search.dates import range_clauses
from portal.search.expansion import Expansion, excluded, facet_clauses, page_clauses, title_clauses
from portal.search.params import SearchParams
from portal.search.protection import MEMBER_FIELDS, SOURCE_PRIVATE, member_clause
from portal.search.syntax import to_simple_query_string

# The `language` facet counts every language present in a document, not only its main one.
FACET_FIELDS = {facet: facet for facet in FACETS} | {"language": "languages"}
FACET_SIZES = {"crime_type": 50, "country": 250, "gender": 30, "organisation": 50, "doc_type": 40, "body": 50, "court": 50,
               "language": 10}
# The field every language version of one text shares (its translation group, else its own id).
VERSION_GROUP = "version_group"
# Only what a result line (or a row of the export) shows: the pages' text stays on the server.
HIT_SOURCE = ["id", "title", "summary", "organisation", "language", "languages", "date", "year", "page_count", "added_at",
              "crime_type", "country", "gender", "doc_type", "body", "file.media_type", "decided", "case",
              VERSION_GROUP, "protection.names"]
# A document's running headers and footers name it on every page, but a hit there alone says
# little about its content: they weigh a fifth of a summary word.
TITLE_FIELDS = ["title^2", *(f"title_{lang}^2" for lang in LANGUAGES), "summary", "furniture^0.2"]
PAGE_TEXT = "pages.text"
# One snippet, from the best page: the document page lists every matching page. A second page's
# highlight cost Elasticsearch ~1.4 ms a search (benchmarks/search.py) for a line fewer to read.
SNIPPET_PAGES = 1
SNIPPET_CHARS = 180
DOCUMENT_PAGES_WINDOW = 20
MATCHED_PAGES_LISTED = 100
# Flags of the syntax we document: phrases, -exclusion, OR, AND, brackets, prefix*. Fuzzy and
# proximity operators are off: they are costly on long pages and nobody was told about them.
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|PREFIX|WHITESPACE|ESCAPE"
MARK = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
# Language versions listed with a grouped hit: five UI languages and a few more.
MAX_VERSIONS = 10


def page_fields(languages: Sequence[str] = LANGUAGES) -> list[str]:
    """The page text fields: language-neutral plus one per language."""
    return [PAGE_TEXT, *(f"{PAGE_TEXT}_{lang}" for lang in languages)]


def text_query(q: str, fields: Sequence[str]) -> dict[str, Any]:
    """The user's syntax over `fields` (every word required unless OR says otherwise); a quoted
    phrase searches the `.exact` sub-fields."""
    return {
        "simple_query_string": {
            "query": to_simple_query_string(q),
            "fields": list(fields),
            "default_operator": "and",
            "flags": QUERY_FLAGS,
            "quote_field_suffix": ".exact",
        }
    }


def highlight_fields(languages: Sequence[str], q: str, expansions: Sequence[Expansion] = ()) -> dict[str, dict]:
    """Only the fields a hit can be in, since highlighting re-analyses each page once per field
    (measured: most of the search's cost). A page's text is in the field of its language, so the
    neutral field adds nothing; the `.exact` fields only match quoted phrases. Each field is
    highlighted by the clauses on it alone (the same marks): the highlighter runs its query on
    every page it marks, and clauses on other fields only cost it time (benchmarks/search.py: a
    quarter of the snippets' time for a query with expansions)."""
    phrases = page_clauses(expansions)
    fields: dict[str, dict] = {}
    for lang in languages:
        name = f"{PAGE_TEXT}_{lang}"
        own = [clause for clause in phrases if name in clause.get("match_phrase", {})]
        options = {"highlight_query": {"bool": {"should": [text_query(q, [name]), *own]}}}
        fields[name] = options
        if '"' in q:
            fields[f"{name}.exact"] = options
    return fields


def searched_languages(params: SearchParams) -> tuple[str, ...]:
    """A language filter narrows the fields that can match, hence the fields to highlight."""
    return params.selected("language") or LANGUAGES


def pages_query(params: SearchParams, snippets: bool = True, expansions: Sequence[Expansion] = ()) -> dict[str, Any]:
    """Pages matching the text or an expansion; with `snippets`, the best pages as inner hits
    with highlights."""
    text = text_query(params.q, page_fields())
    if expansions:
        text = {"bool": {"should": [text, *page_clauses(expansions)], "minimum_should_match": 1}}
    nested: dict[str, Any] = {"path": "pages", "score_mode": "max", "query": text}
    if snippets:
        nested["inner_hits"] = {
            "name": "pages",
            "size": SNIPPET_PAGES,
            "_source": False,
            "docvalue_fields": ["pages.number", "pages.language", "pages.label", "pages.content_note"],
            "highlight": {
                **MARK,
                "fragment_size": SNIPPET_CHARS,
                "number_of_fragments": 1,
                "fields": highlight_fields(searched_languages(params), params.q, expansions),
            },
        }
    return {"nested": nested}


def main_query(
    params: SearchParams, viewer: Viewer, snippets: bool = True, expansions: Sequence[Expansion] = ()
) -> dict[str, Any]:
    """Text (when given) with its expansions, and the access filter; facet filters are not here
    but in post_filter. Date ranges are filters of the whole search, facet counts included."""
    query: dict[str, Any] = {"filter": [access_filter(viewer), *range_clauses(params.dates)]}
    if params.q:
        query["should"] = [text_query(params.q, TITLE_FIELDS), *title_clauses(expansions),
                           pages_query(params, snippets, expansions), *facet_clauses(expansions)]
        members = member_clause(text_query(params.q, MEMBER_FIELDS), viewer)
        if members:
            query["should"].append(members)
        query["minimum_should_match"] = 1
        if expansions and excluded(params.q):
            query["must_not"] = excluded_clauses(excluded(params.q))
    return {"bool": query}


def excluded_clauses(exclusions: Sequence[str]) -> list[dict[str, Any]]:
    """Documents with an excluded word or phrase in a title or on any page, whichever clause
    (the user's words or an expansion) would have found them."""
    either = " | ".join(exclusions)
    return [text_query(either, TITLE_FIELDS), {"nested": {"path": "pages", "query": text_query(either, page_fields())}}]


def facet_clause(facet: str, values: Sequence[str]) -> dict[str, Any]:
    """Any of the values (a parent concept matches its children: documents store ancestors)."""
    terms = [int(v) for v in values] if facet in YEAR_FACETS else list(values)
    return {"terms": {FACET_FIELDS[facet]: terms}}


def filters_except(params: SearchParams, excluded: str | None = None) -> list[dict[str, Any]]:
    return [facet_clause(f, v) for f, v in params.filters.items() if f != excluded]


def as_filter(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


# The aggregation holding the facets with no selected value (no facet is named so).
UNSELECTED = "unselected"
# The aggregation counting the documents (not files) of a grouped search.
TOTAL_DOCUMENTS = "total_documents"


# Counts in documents, not files: the language versions of a bucket's documents counted once
# (cardinality is exact far beyond the counts of one facet value here, and close above 3,000).
DOCUMENT_COUNT = {"documents": {"cardinality": {"field": VERSION_GROUP}}}


def facet_values(facet: str, group: bool = False) -> dict[str, Any]:
    if facet in YEAR_FACETS:
        values: dict[str, Any] = {"histogram": {"field": facet, "interval": 1, "min_doc_count": 1}}
    else:
        values = {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZES[facet]}}
    return values | {"aggs": DOCUMENT_COUNT} if group else values


def aggregations(params: SearchParams) -> dict[str, Any]:
    """Facet counts as `filter` aggregations: one per facet with a selected value, under every
    facet filter but its own (multi-select), and one for all the other facets together, under
    every filter. Each `filter` aggregation runs its filter over every match: eight of them cost
    Elasticsearch 2.6 ms more a search than these one to three (benchmarks/search.py)."""
    aggs: dict[str, Any] = {}
    for facet in FACETS:
        group = facet if params.selected(facet) else UNSELECTED
        if group not in aggs:
            aggs[group] = {"filter": as_filter(filters_except(params, facet if group == facet else None)), "aggs": {}}
        aggs[group]["aggs"][facet] = facet_values(facet, params.group)
    if params.group:
        aggs[TOTAL_DOCUMENTS] = {"filter": as_filter(filters_except(params)), "aggs": DOCUMENT_COUNT}
    return aggs


def facet_buckets(aggregations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Facet → its buckets, from the response to `aggregations`."""
    return {facet: values["buckets"] for group in aggregations.values()
            for facet, values in group.items() if isinstance(values, dict) and "buckets" in values}


def sort_clause(sort: str) -> list[Any]:
    """The order, always ending with the document id so `search_after` has a total order
    (`sort=cited` sorts on the score that `with_cited` gives)."""
    tiebreak = {"id": "asc"}
    if sort in ("relevance", "cited"):
        return ["_score", tiebreak]
    if sort == "added":  # by arrival in the index: what a feed's subscriber has not seen yet
        return [{"added_at": {"order": "desc", "missing": "_last"}}, tiebreak]
    order = "desc" if sort == "newest" else "asc"
    return [{"date": {"order": order, "missing": "_last"}}, tiebreak]


def with_cited(query: dict[str, Any], params: SearchParams, cited: Mapping[str, int] | None) -> dict[str, Any]:
    """`query` narrowed to documents of cases cited at least `params.cited` times (every count
    under the access filter, so it belongs in the query: facet counts obey it too), and scored by
    citations for `sort=cited`."""
    if params.cited:
        query["bool"]["filter"].append(citator.cited_filter(cited or {}, params.cited))
    if params.sort == "cited":
        return citator.scored_by_citations(query, cited or {})
    return query


def build_body(
    params: SearchParams,
    viewer: Viewer,
    expansions: Sequence[Expansion] = (),
    facets: bool = True,
    cited: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """The search request for one page of results, with facets unless `facets` is false
    (`expansions`: see main_query; `cited`: case key → citing documents, for `sort=cited` and
    `cited=N`)."""
    body: dict[str, Any] = {"query": with_cited(main_query(params, viewer, expansions=expansions), params, cited)}
    if facets:
        body["aggs"] = aggregations(params)
    body |= {
        "sort": sort_clause(params.sort),
        "size": params.page_size,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
    }
    if params.filters:
        body["post_filter"] = as_filter(filters_except(params))
    if params.group:
        body["collapse"] = collapse()
    if params.cursor:
        body["search_after"] = list(params.cursor.after)
    elif params.page > 1:
        body["from"] = params.offset
    return body


def collapse() -> dict[str, Any]:
    """One hit per text: the best of its language versions. The versions are not the collapse's
    inner hits, which run the whole query again once per hit (measured: 2.8× an ungrouped search,
    benchmarks/grouping.py), but one plain request for the page's groups (versions_body)."""
    return {"field": VERSION_GROUP}


def versions_body(groups: Sequence[str], params: SearchParams, viewer: Viewer) -> dict[str, Any]:
    """The files (language versions and copies) of `groups` that the viewer may see and the search's filters and
    date ranges keep (the text aside: a version need not hold the words to be offered)."""
    filters = [access_filter(viewer), *range_clauses(params.dates), *filters_except(params),
               {"terms": {VERSION_GROUP: list(groups)}}]
    return {
        "query": {"bool": {"filter": filters}},
        "_source": ["id", "title", "language", "organisation", VERSION_GROUP],
        "sort": [{"language": "asc"}, {"id": "asc"}],
        "size": len(groups) * MAX_VERSIONS,
    }


def arrived_body(params: SearchParams, viewer: Viewer, since: str, until: str, size: int,
                 expansions: Sequence[Expansion] = ()) -> dict[str, Any]:
    """The newest hits of a search among the documents indexed after `since` up to `until`
    (ISO timestamps): what is new to a saved search."""
    body = build_body(replace(params, sort="newest", page=1, page_size=size, cursor=None, group=False), viewer,
                      expansions, facets=False)
    body["query"]["bool"]["filter"].append({"range": {"indexed_at": {"gt": since, "lte": until}}})
    return body


def facets_body(viewer: Viewer) -> dict[str, Any]:
    """Counts of every facet value over everything the viewer may see."""
    return {"query": main_query(SearchParams(), viewer), "aggs": aggregations(SearchParams()), "size": 0, "track_total_hits": True}


def export_body(
    params: SearchParams, viewer: Viewer, pit_id: str, after: list | None, size: int, expansions: Sequence[Expansion] = (),
    cited: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """One slice of a whole result set in a point in time, without facets or snippets."""
    query = main_query(params, viewer, snippets=False, expansions=expansions)
    query["bool"]["filter"] += filters_except(params)
    body: dict[str, Any] = {
        "query": with_cited(query, params, cited),
        "pit": {"id": pit_id, "keep_alive": "1m"},
        "sort": [*sort_clause(params.sort)[:-1], {"_shard_doc": "asc"}],
        "size": size,
        "track_total_hits": False,
        "_source": HIT_SOURCE,
    }
    if after:
        body["search_after"] = after
    return body


def window_start(page: int) -> int:
    """First page of the window of document pages that shows `page`."""
    return (page - 1) // DOCUMENT_PAGES_WINDOW * DOCUMENT_PAGES_WINDOW + 1


def document_body(doc_id: str, viewer: Viewer, q: str, first_page: int) -> dict[str, Any]:
    """One document (if the viewer may see it) with a window of its pages, the query's hits
    highlighted in full page text, and every page the query matches (its number and a snippet)."""
    window_query: dict[str, Any] = {
        "bool": {"filter": [{"range": {"pages.number": {"gte": first_page, "lt": first_page + DOCUMENT_PAGES_WINDOW}}}]}
    }
    window_hits: dict[str, Any] = {"name": "window", "size": DOCUMENT_PAGES_WINDOW, "sort": [{"pages.number": "asc"}]}
    should: list[dict[str, Any]] = [{"nested": {"path": "pages", "query": window_query, "inner_hits": window_hits}}]
    if q:
        window_query["bool"]["should"] = [text_query(q, page_fields())]
        window_hits["highlight"] = {**MARK, "number_of_fragments": 0,
                                   "fields": highlight_fields(LANGUAGES, q)}
        should.append({
            "nested": {
                "path": "pages",
                "query": text_query(q, page_fields()),
                "inner_hits": {"name": "matches", "size": MATCHED_PAGES_LISTED, "_source": False,
                               "docvalue_fields": ["pages.number", "pages.label"], "sort": [{"pages.number": "asc"}],
                               "highlight": {**MARK, "fragment_size": SNIPPET_CHARS, "number_of_fragments": 1,
                                             "fields": highlight_fields(LANGUAGES, q)}},
            }
        })
    body = visible_body(doc_id, viewer, {"excludes": ["pages", "fragments", *SOURCE_PRIVATE]})
    body["query"]["bool"]["should"] = should
    return body


def siblings_body(doc_id: str, version_group: str, viewer: Viewer) -> dict[str, Any]:
    """The other language versions and the copies of a document that the viewer may see."""
    return {
        "query": {"bool": {"filter": [{"term": {VERSION_GROUP: version_group}}, access_filter(viewer)],
                           "must_not": [{"ids": {"values": [doc_id]}}]}},
        "_source": ["id", "title", "language", "organisation", "protection.names"],
        "sort": [{"language": "asc"}],
        "size": 20,
    }


def related_body(doc: dict[str, Any], viewer: Viewer, size: int = 5) -> dict[str, Any] | None:
    """Documents sharing the most facet values with `doc` (not its translations or copies); None
    when it has none to share."""
    weights = {"crime_type": 3, "country": 2, "body": 2, "gender": 2, "doc_type": 1}
    should = [{"terms": {f: list(doc[f]), "boost": w}} for f, w in weights.items() if doc.get(f)]
    if not should:
        return None
    must_not: list[dict[str, Any]] = [{"ids": {"values": [doc["id"]]}}]
    if doc.get(VERSION_GROUP):
        must_not.append({"term": {VERSION_GROUP: doc[VERSION_GROUP]}})
    return {
        "query": {"bool": {"filter": [access_filter(viewer)], "should": should, "minimum_should_match": 1, "must_not": must_not}},
        "_source": ["id", "title", "language", "organisation", "date", "protection.names"],
        "size": size,
    }


def visible_body(doc_id: str, viewer: Viewer, source: list[str] | dict[str, Any]) -> dict[str, Any]:
    """The document `doc_id` if the viewer may see it, with `source` (an Elasticsearch `_source`)."""
    return {
        "query": {"bool": {"filter": [{"ids": {"values": [doc_id]}}, access_filter(viewer)]}},
        "_source": source,
        "size": 1,
    }


def file_body(doc_id: str, viewer: Viewer) -> dict[str, Any]:
    """Where the original file of a document the viewer may see is stored."""
    return visible_body(doc_id, viewer, ["file", "title", "organisation", "protection.names", "protection.safe"])
