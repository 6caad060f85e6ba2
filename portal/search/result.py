"""Elasticsearch answers shaped into what the pages and the API show (pure functions).

Labels come from the vocabularies in the viewer's locale; snippets are Elasticsearch's
HTML-encoded highlights (only our <mark> tags are markup), so they are marked safe here and
nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from giai.index_schema import FACETS, YEAR_FACETS
from portal.search.expansion import Expansion
from portal.search.params import Cursor, SearchParams
from portal.search.protection import Shown
from portal.search.query import TOTAL_DOCUMENTS, VERSION_GROUP, facet_buckets
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
    content_note: bool = False  # the page is graphic: its text waits behind a note


class Version(NamedTuple):
    """One file of a grouped hit: a language version, or a copy of the same file that another
    organisation publishes."""

    id: str
    language: Label
    title: str
    organisation: Label


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
    case: dict[str, Any] | None = None  # see case_of
    # Of a grouped hit: its language versions (this one included) and the version the snippets
    # come from, which is not `id` when the reader's language version is shown in its place.
    versions: tuple[Version, ...] = ()
    matched_id: str = ""

    @property
    def snippet_id(self) -> str:
        return self.matched_id or self.id

    @property
    def other_versions(self) -> list[Version]:
        """Its other files but the copies: its versions in other languages (and any second version
        in its own language from its own organisation)."""
        copies = self.copies
        return [v for v in self.versions if v.id != self.id and v not in copies]

    @property
    def copies(self) -> list[Version]:
        """The other files in this hit's language from other organisations: the same file as they publish it."""
        return [v for v in self.versions if v.language == self.language and v.organisation != self.organisation]

    @property
    def publishers(self) -> list[Label]:
        """The organisations publishing this text, in the reader's view: the hit's own first, then
        those of its other files the reader may see (the versions are fetched under the reader's
        access filter)."""
        return list(dict.fromkeys([self.organisation, *(v.organisation for v in self.versions)]))
    protected: bool = False  # the viewer reads names protected from outsiders

    @property
    def content_note(self) -> bool:
        return any(s.content_note for s in self.snippets)
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
    cited_by: dict[str, int] = field(default_factory=dict)  # hit id → citing documents (case law only)
    # Files (every language version) matched; `total` counts documents when versions are grouped.
    total_files: int = 0

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
    content_note: bool = False


@dataclass(frozen=True)
class Document:
    hit: Hit
    source: dict[str, Any]
    pages: list[Page]
    matched_pages: list[int]
    first_page: int
    page_count: int
    version_group: str | None = None  # shared with its language versions and its copies
    labels: dict[int, str] = field(default_factory=dict)  # printed numbers of the matched pages
    furniture: list[str] = field(default_factory=list)
    snippets: dict[int, Markup] = field(default_factory=dict)  # of the matched pages


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


def snippets_of(raw_hit: dict[str, Any], shown: Shown) -> list[Snippet]:
    inner = raw_hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", [])
    snippets = []
    for page in inner:
        fragment = best_fragment(page.get("highlight", {}))
        fields = page.get("fields", {})
        number = fields.get("pages.number", [None])[0]
        if fragment and number is not None:
            snippets.append(Snippet(int(number), shown.html(fragment), fields.get("pages.label", [None])[0],
                                    bool(fields.get("pages.content_note", [False])[0])))
    return snippets


CASE_FIELDS = ("name", "numbers", "ecli", "decided", "court", "chamber", "type", "parties", "keys")


def case_of(source: dict[str, Any], vocab: Vocabularies, locale: str) -> dict[str, Any] | None:
    """The document's case (None for a document of no case): name, numbers, ecli, decided,
    court (a body id) with its `court_label`, chamber, type, parties, keys (what citations of it
    are filed under); `decided` is the document's top-level `decided`."""
    case = source.get("case")
    if not case:
        return None
    shown: dict[str, Any] = {f: case.get(f) for f in CASE_FIELDS}
    shown["decided"] = source.get("decided") or case.get("decided")
    shown["court_label"] = vocab.label("court", case["court"], locale) if case.get("court") else None
    for listed in ("numbers", "parties", "keys"):
        shown[listed] = as_list(shown[listed])
    return shown


def shape_hit(raw_hit: dict[str, Any], vocab: Vocabularies, locale: str) -> Hit:
    src = raw_hit.get("_source", {})
    shown = Shown(raw_hit, locale)
    facets = {
        facet: labelled(facet, most_specific(facet, as_list(src.get(facet)), vocab), vocab, locale)
        for facet in BADGE_FACETS
    }
    language = src.get("language") or ""
    return Hit(
        id=raw_hit["_id"],
        title=shown.text(src.get("title") or raw_hit["_id"]),
        organisation=Label(src.get("organisation", ""), vocab.label("organisation", src.get("organisation", ""), locale)),
        language=Label(language, vocab.label("language", language, locale)),
        languages=labelled("language", as_list(src.get("languages")) or [language], vocab, locale),
        date=parse_date(src.get("date")),
        year=src.get("year"),
        doc_type=labelled("doc_type", most_specific("doc_type", as_list(src.get("doc_type")), vocab), vocab, locale),
        facets=facets,
        snippets=snippets_of(raw_hit, shown),
        summary=shown.text(src.get("summary") or ""),
        page_count=src.get("page_count"),
        media_type=(src.get("file") or {}).get("media_type", ""),
        case=case_of(src, vocab, locale),
        protected=shown.protected,
        added_at=parse_instant(src.get("added_at")),
    )


def bucket_count(bucket: dict[str, Any]) -> int:
    """Documents in a facet bucket: its language versions once when they are grouped."""
    return int(bucket["documents"]["value"]) if "documents" in bucket else bucket["doc_count"]


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
        counts = {str(int(b["key"])) if facet in YEAR_FACETS else str(b["key"]): bucket_count(b) for b in raw}
        counts.update({v: 0 for v in selected if v not in counts})
        names = vocab.labels_in(facet, locale)
        buckets = [FacetBucket(v, names.get(v) or v, n, v in selected) for v, n in counts.items()]
        if facet in YEAR_FACETS:
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


def case_keys(raw_hits: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Hit id → its case keys, for the hits of documents of a case."""
    return {h["_id"]: as_list((h.get("_source", {}).get("case") or {}).get("keys")) for h in raw_hits
            if (h.get("_source", {}).get("case") or {}).get("keys")}


def shape_search(response: dict[str, Any], params: SearchParams, vocab: Vocabularies, locale: str) -> SearchResult:
    """The result page of a response of `SearchService.search`: Elasticsearch's answer to
    `query.build_body`, with the service's `expansions` and `suggestion`, and `cited_by` (hit id
    → citing documents) when the caller counted them."""
    raw_hits = response.get("hits", {}).get("hits", [])
    files = response.get("hits", {}).get("total", {}).get("value", 0)
    aggs = response.get("aggregations", {})
    total = bucket_count(aggs[TOTAL_DOCUMENTS]) if params.group and TOTAL_DOCUMENTS in aggs else files
    hits = [shape_hit(h, vocab, locale) for h in raw_hits]
    return SearchResult(
        params=params,
        total=total,
        total_files=files,
        hits=[in_reader_language(h, grouped_versions(r, response.get("versions", {}), vocab, locale), locale)
              for h, r in zip(hits, raw_hits)] if params.group else hits,
        facets=shape_facets({k: v for k, v in aggs.items() if k != TOTAL_DOCUMENTS}, params, vocab, locale),
        next_cursor=None if params.group else next_cursor(raw_hits, params, files),
        expansions=[shape_expansion(e, params, vocab, locale) for e in response.get("expansions", ())],
        suggestion=response.get("suggestion"),
        cited_by=dict(response.get("cited_by") or {}),
    )


def grouped_versions(raw_hit: dict[str, Any], versions: dict[str, list[dict[str, Any]]], vocab: Vocabularies,
                     locale: str) -> tuple[Version, ...]:
    """The files of a grouped hit (its language versions and copies), from `versions` (version
    group → raw hits)."""
    found = versions.get(raw_hit.get("_source", {}).get(VERSION_GROUP, ""), [])
    return tuple(
        Version(h["_id"], Label(lang, vocab.label("language", lang, locale)), h["_source"].get("title") or h["_id"],
                Label(org, vocab.label("organisation", org, locale)))
        for h in found for lang, org in [(h["_source"].get("language") or "", h["_source"].get("organisation") or "")]
    )


def in_reader_language(hit: Hit, versions: tuple[Version, ...], locale: str) -> Hit:
    """The grouped hit shown by its version in the reader's language when one exists (else by the
    best match); its snippets still name the pages of the version they come from."""
    own = next((v for v in versions if v.language.value == locale), None)
    if own is None or own.id == hit.id:
        return replace(hit, versions=versions)
    return replace(hit, id=own.id, title=own.title, language=own.language, languages=[own.language], organisation=own.organisation,
                   versions=versions, matched_id=hit.id)


def shape_pages(raw_hit: dict[str, Any], locale: str) -> tuple[list[Page], list[int], dict[int, str], dict[int, Markup]]:
    """The window of pages (highlighted where the query matched), every matching page number, the
    printed numbers of those that have one, and a snippet of each."""
    inner = raw_hit.get("inner_hits", {})
    shown = Shown(raw_hit, locale)
    pages = []
    for page in inner.get("window", {}).get("hits", {}).get("hits", []):
        src = page.get("_source", {})
        fragment = best_fragment(page.get("highlight", {}))
        marks = fragment.count("<mark>") if fragment else 0
        html = shown.html(fragment if marks else str(escape(src.get("text", ""))))
        pages.append(Page(int(src.get("number", 0)), src.get("language", ""), html, marks, src.get("label"),
                          bool(src.get("content_note"))))
    raw_matches = inner.get("matches", {}).get("hits", {}).get("hits", [])
    matches = [m.get("fields", {}) for m in raw_matches]
    matched = sorted({int(m["pages.number"][0]) for m in matches if m.get("pages.number")})
    labels = {int(m["pages.number"][0]): m["pages.label"][0] for m in matches if m.get("pages.number") and m.get("pages.label")}
    return pages, matched, labels, match_snippets(raw_matches, shown)


def match_snippets(raw_matches: list[dict[str, Any]], shown: Shown) -> dict[int, Markup]:
    """Page number → the snippet of the query's best hit on that page, protected names as
    `shown` lets the viewer read them."""
    snippets = {}
    for match in raw_matches:
        number = match.get("fields", {}).get("pages.number", [None])[0]
        fragment = best_fragment(match.get("highlight", {}))
        if number is not None and fragment:
            snippets[int(number)] = shown.html(fragment)
    return snippets


def shape_document(raw_hit: dict[str, Any], first_page: int, vocab: Vocabularies, locale: str) -> Document:
    pages, matched, labels, snippets = shape_pages(raw_hit, locale)
    src = raw_hit.get("_source", {})
    return Document(
        hit=shape_hit(raw_hit, vocab, locale),  # no snippets: its inner hits are the window and the matches
        source=src,
        pages=pages,
        matched_pages=matched,
        first_page=first_page,
        page_count=int(src.get("page_count") or len(pages)),
        version_group=src.get("version_group"),
        labels=labels,
        furniture=[Shown(raw_hit, locale).text(line) for line in as_list(src.get("furniture"))],
        snippets=snippets,
    )
