"""Elasticsearch answers shaped into what the pages and the API show (pure functions).

Labels come from the vocabularies in the viewer's locale; snippets are Elasticsearch's
HTML-encoded highlights (only our <mark> tags are markup), so they are marked safe here and
nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from giai.index_schema import FACETS
from portal.search.expansion import Expansion
from portal.search.params import Cursor, SearchParams
from portal.search.query import facet_buckets
from portal.vocabulary import Vocabularies

BADGE_FACETS = ("crime_type", "gender", "country", "body")


# Named tuples, not dataclasses: a results page makes several hundred of them, and a frozen
# dataclass takes four times as long to build.
class Label(NamedTuple):
    value: str
    label: str


class FacetBucket(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Snippet:
    """`label` is the number printed on the page when it is not the file's page number."""

    page: int
    html: Markup
    label: str | None = None


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    organisation: Label
    language: Label
    languages: list[Label]
    date: dt.date | None
    year: int | None
    doc_type: list[Label]
    facets: dict[str, list[Label]]
    snippets: list[Snippet]
    summary: str = ""
    page_count: int | None = None
    media_type: str = ""
    added_at: dt.datetime | None = None  # when it entered the index


@dataclass(frozen=True)
class UsedExpansion:
    """A concept or country the query named, as the page and the API show it: its label in the
    reader's language, the names searched per language, and the facet filter to offer (None when
    it is no facet value the portal knows, or is selected already)."""

    id: str
    label: str
    matched: str
    terms: dict[str, list[str]]
    facet: str | None = None
    offer_filter: bool = False


@dataclass(frozen=True)
class SearchResult:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetBucket]]
    next_cursor: str | None = None
    expansions: list[UsedExpansion] = field(default_factory=list)
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        """Pages of results reachable by number (deeper ones by cursor)."""
        return min(-(-self.total // self.params.page_size), self.params.max_page)


@dataclass(frozen=True)
class Page:
    number: int
    language: str
    html: Markup
    hits: int
    label: str | None = None


@dataclass(frozen=True)
class Document:
    hit: Hit
    source: dict[str, Any]
    pages: list[Page]
    matched_pages: list[int]
    first_page: int
    page_count: int
    translation_group: str | None = None
    labels: dict[int, str] = field(default_factory=dict)  # printed numbers of the matched pages
    furniture: list[str] = field(default_factory=list)


def parse_date(value: Any) -> dt.date | None:
    """The calendar date of an indexed `date` (YYYY-MM-DD, possibly with a time), else None."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def most_specific(facet: str, values: list[str], vocab: Vocabularies) -> list[str]:
    """Drop ancestors that documents store beside a concept: `persecution` beside
    `gender-based-persecution` says nothing more."""
    parents = {vocab.parent(facet, v) for v in values}
    return [v for v in values if v not in parents]


def labelled(facet: str, values: list[str], vocab: Vocabularies, locale: str) -> list[Label]:
    names = vocab.labels_in(facet, locale)
    return [Label(str(v), names.get(str(v)) or str(v)) for v in values]


def best_fragment(highlight: dict[str, list[str]]) -> str | None:
    """Of the fields highlighted on one page, the fragment with the most marks."""
    fragments = [frag for frags in highlight.values() for frag in frags]
    return max(fragments, key=lambda frag: frag.count("<mark>"), default=None)


def snippets_of(raw_hit: dict[str, Any]) -> list[Snippet]:
    inner = raw_hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    snippets = []
    for page in inner:
        fragment = best_fragment(page.get("highlight", {}))
        fields = page.get("fields", {})
        number = fields.get("pages.number", [None])[0]
        if fragment and number is not None:
            snippets.append(Snippet(int(number), Markup(fragment), fields.get("pages.label", [None])[0]))
    return snippets


def shape_hit(raw_hit: dict[str, Any], vocab: Vocabularies, locale: str) -> Hit:
    src = raw_hit.get("_source", {})
    facets = {
        facet: labelled(facet, most_specific(facet, as_list(src.get(facet)), vocab), vocab, locale)
        for facet in BADGE_FACETS
    }
    language = src.get("language") or ""
    return Hit(
        id=raw_hit["_id"],
        title=src.get("title") or raw_hit["_id"],
        organisation=Label(src.get("organisation", ""), vocab.label("organisation", src.get("organisation", ""), locale)),
        language=Label(language, vocab.label("language", language, locale)),
        languages=labelled("language", as_list(src.get("languages")) or [language], vocab, locale),
        date=parse_date(src.get("date")),
        year=src.get("year"),
        doc_type=labelled("doc_type", most_specific("doc_type", as_list(src.get("doc_type")), vocab), vocab, locale),
        facets=facets,
        snippets=snippets_of(raw_hit),
        summary=src.get("summary") or "",
        page_count=src.get("page_count"),
        media_type=(src.get("file") or {}).get("media_type", ""),
        added_at=parse_instant(src.get("added_at")),
    )


def parse_instant(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.timezone.utc) if value else None
    except (TypeError, ValueError):
        return None


def shape_facets(aggs: dict[str, Any], params: SearchParams, vocab: Vocabularies, locale: str) -> dict[str, list[FacetBucket]]:
    """Buckets per facet, the most frequent first (years newest first); a selected value that no
    longer matches anything stays listed with 0 so it can be unticked."""
    facets: dict[str, list[FacetBucket]] = {}
    found = facet_buckets(aggs)
    for facet in FACETS:
        raw = found.get(facet, [])
        selected = set(params.selected(facet))
        counts = {str(int(b["key"])) if facet == "year" else str(b["key"]): b["doc_count"] for b in raw}
        counts.update({v: 0 for v in selected if v not in counts})
        names = vocab.labels_in(facet, locale)
        buckets = [FacetBucket(v, names.get(v) or v, n, v in selected) for v, n in counts.items()]
        if facet == "year":
            buckets.sort(key=lambda b: -int(b.value))
        else:
            buckets.sort(key=lambda b: (-b.count, b.label.casefold()))
        facets[facet] = buckets
    return facets


def next_cursor(raw_hits: list[dict[str, Any]], params: SearchParams, total: int) -> str | None:
    """A cursor after the last hit, when more hits follow."""
    seen = params.offset + len(raw_hits)
    if not raw_hits or seen >= total or "sort" not in raw_hits[-1]:
        return None
    return Cursor(params.sort, tuple(raw_hits[-1]["sort"]), seen).encode()


def shape_expansion(expansion: Expansion, params: SearchParams, vocab: Vocabularies, locale: str) -> UsedExpansion:
    facet = expansion.facet if expansion.facet and vocab.allows(expansion.facet, expansion.id) else None
    return UsedExpansion(
        id=expansion.id,
        label=vocab.label(facet, expansion.id, locale) if facet else expansion.labels.get(locale) or expansion.labels["en"],
        matched=expansion.matched,
        terms={lang: list(names) for lang, names in expansion.terms.items()},
        facet=facet,
        offer_filter=bool(facet) and expansion.id not in params.selected(facet),
    )


def shape_search(response: dict[str, Any], params: SearchParams, vocab: Vocabularies, locale: str) -> SearchResult:
    """The result page of a response of `SearchService.search`: Elasticsearch's answer to
    `query.build_body`, with the service's `expansions` and `suggestion`."""
    raw_hits = response.get("hits", {}).get("hits", [])
    total = response.get("hits", {}).get("total", {}).get("value", 0)
    return SearchResult(
        params=params,
        total=total,
        hits=[shape_hit(h, vocab, locale) for h in raw_hits],
        facets=shape_facets(response.get("aggregations", {}), params, vocab, locale),
        next_cursor=next_cursor(raw_hits, params, total),
        expansions=[shape_expansion(e, params, vocab, locale) for e in response.get("expansions", ())],
        suggestion=response.get("suggestion"),
    )


def shape_pages(raw_hit: dict[str, Any]) -> tuple[list[Page], list[int], dict[int, str]]:
    """The window of pages (highlighted where the query matched), every matching page number, and
    the printed numbers of those that have one."""
    inner = raw_hit.get("inner_hits", {})
    pages = []
    for page in inner.get("window", {}).get("hits", {}).get("hits", []):
        src = page.get("_source", {})
        fragment = best_fragment(page.get("highlight", {}))
        marks = fragment.count("<mark>") if fragment else 0
        html = Markup(fragment) if marks else escape(src.get("text", ""))
        pages.append(Page(int(src.get("number", 0)), src.get("language", ""), html, marks, src.get("label")))
    matches = [m.get("fields", {}) for m in inner.get("matches", {}).get("hits", {}).get("hits", [])]
    matched = sorted({int(m["pages.number"][0]) for m in matches if m.get("pages.number")})
    labels = {int(m["pages.number"][0]): m["pages.label"][0] for m in matches if m.get("pages.number") and m.get("pages.label")}
    return pages, matched, labels


def shape_document(raw_hit: dict[str, Any], first_page: int, vocab: Vocabularies, locale: str) -> Document:
    pages, matched, labels = shape_pages(raw_hit)
    src = raw_hit.get("_source", {})
    return Document(
        hit=shape_hit(raw_hit, vocab, locale),  # no snippets: its inner hits are the window and the matches
        source=src,
        pages=pages,
        matched_pages=matched,
        first_page=first_page,
        page_count=int(src.get("page_count") or len(pages)),
        translation_group=src.get("translation_group"),
        labels=labels,
        furniture=as_list(src.get("furniture")),
    )


def label_json(labels: list[Label]) -> list[dict[str, str]]:
    return [{"value": x.value, "label": x.label} for x in labels]


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit as the API shows it."""
    return {
        "id": hit.id,
        "title": hit.title,
        "language": hit.language.value,
        "languages": [x.value for x in hit.languages],
        "organisation": hit.organisation.value,
        "organisation_label": hit.organisation.label,
        "date": hit.date.isoformat() if hit.date else None,
        "added_at": hit.added_at.isoformat() if hit.added_at else None,
        "year": hit.year,
        "doc_type": [x.value for x in hit.doc_type],
        "page_count": hit.page_count,
        "summary": hit.summary,
        "snippets": [{"page": s.page, "label": s.label, "html": str(s.html)} for s in hit.snippets],
        "facets": {facet: label_json(labels) for facet, labels in hit.facets.items()} | {"doc_type": label_json(hit.doc_type)},
    }


def expansions_json(expansions: list[UsedExpansion]) -> list[dict[str, Any]]:
    """The expansions as the API shows them: id, label, the words of the query that named it,
    the names searched per language, and the facet it is a value of (or null)."""
    return [{"id": e.id, "label": e.label, "matched": e.matched, "facet": e.facet, "terms": e.terms} for e in expansions]


def facets_json(facets: dict[str, list[FacetBucket]]) -> dict[str, list[dict[str, Any]]]:
    return {
        facet: [{"value": b.value, "label": b.label, "count": b.count, "selected": b.selected} for b in buckets]
        for facet, buckets in facets.items()
    }
