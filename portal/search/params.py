"""One validated search request, built from URL arguments before anything touches Elasticsearch.

`SearchParams.from_args` is the only way in: a bad value raises `InvalidParams` listing every
problem (parameter, code, details) for the view to explain as a 400 in the user's language.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from giai.index_schema import FACETS
from portal.search.dates import DateRange, date_ranges, range_args
from portal.search.syntax import repair_query
from portal.vocabulary import Vocabularies

SORTS = ("relevance", "newest", "oldest", "added", "cited")
# The types of a cursor's values for each sort (portal.search.query.sort_clause): the score, or the
# date in epoch milliseconds, then the document id. Elasticsearch answers 400 to any other.
CURSOR_VALUES = {"relevance": ((int, float), str), "newest": (int, str), "oldest": (int, str), "added": (int, str),
                 "cited": ((int, float), str)}
MAX_QUERY_CHARS = 1_000
MAX_VALUES_PER_FACET = 50
# from + size may not pass Elasticsearch's index.max_result_window; deeper lists use the cursor.
MAX_RESULT_WINDOW = 10_000
# `cited=N`: documents of a case that at least N documents cite (portal.search.citator).
MAX_CITED = 100_000
# `expand=0` (or false/off/no) turns cross-lingual expansion off, 1 (true/on/yes) or none leaves
# it on; any other value is refused (the API's description lists these).
EXPAND_OFF = ("0", "false", "off", "no")
EXPAND_ON = ("1", "true", "on", "yes")
# `group=0` (or false/off/no) lists every language version as its own hit; 1 (true/on/yes) or
# none groups them; any other value is refused.
GROUP_OFF, GROUP_ON = EXPAND_OFF, EXPAND_ON


def max_page_of(page_size: int) -> int:
    """The deepest page of `page_size` results reachable by number."""
    return MAX_RESULT_WINDOW // page_size


class Args(Protocol):
    """What Flask's `request.args` (a MultiDict) offers."""

    def getlist(self, key: str) -> list[str]: ...

    def get(self, key: str, default: Any = None) -> Any: ...


@dataclass(frozen=True)
class ParamError:
    """One problem: the parameter, a code the view turns into a sentence, and its details."""

    param: str
    code: str
    details: Mapping[str, Any] = field(default_factory=dict)


class InvalidParams(ValueError):
    def __init__(self, errors: list[ParamError]):
        super().__init__("; ".join(f"{e.param}: {e.code}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the sort values of the last hit and how many hits came before."""

    sort: str
    after: tuple[Any, ...]
    offset: int

    def encode(self) -> str:
        raw = json.dumps({"s": self.sort, "a": list(self.after), "n": self.offset}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """The cursor written by `encode`, or ValueError for anything else."""
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            sort, after, offset = data["s"], data["a"], data["n"]
        except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
            raise ValueError("not a cursor") from None
        types = CURSOR_VALUES.get(sort) if isinstance(sort, str) else None
        valid = (
            types is not None
            and isinstance(after, list)
            and len(after) == len(types)
            and all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(after, types))
            and isinstance(offset, int)
            and 0 < offset <= 10**9
        )
        if not valid:
            raise ValueError("not a cursor")
        return cls(sort, tuple(after), offset)


@dataclass(frozen=True)
class SearchParams:
    """A search: cleaned query text, facet filters, sort and position (page or cursor), and
    whether the text is expanded to other languages (portal.search.expansion); date ranges
    (portal.search.dates) and whether language versions are grouped into one hit. Built directly,
    a search does not group (every file is a hit); from URL arguments it does unless `group=0`."""

    q: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "newest"
    page: int = 1
    page_size: int = 20
    cursor: Cursor | None = None
    notes: tuple[str, ...] = ()
    expand: bool = True
    cited: int = 0
    dates: Mapping[str, DateRange] = field(default_factory=dict)
    group: bool = False

    @property
    def offset(self) -> int:
        return self.cursor.offset if self.cursor else (self.page - 1) * self.page_size

    @property
    def max_page(self) -> int:
        return max_page_of(self.page_size)

    def selected(self, facet: str) -> tuple[str, ...]:
        return self.filters.get(facet, ())

    def with_filters(self, filters: Mapping[str, tuple[str, ...]]) -> SearchParams:
        return replace(self, filters=_nonempty(filters), page=1, cursor=None)

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """URL arguments that reproduce this search (the first page), with `changes` applied;
        a change to None removes the argument."""
        args: dict[str, Any] = {"q": self.q or None, **{f: list(v) for f, v in self.filters.items()}}
        if self.sort != default_sort(self.q):
            args["sort"] = self.sort
        if not self.expand:
            args["expand"] = "0"
        if self.cited:
            args["cited"] = str(self.cited)
        if not self.group:
            args["group"] = "0"
        args.update(range_args(self.dates))
        args.update(changes)
        return {k: v for k, v in args.items() if v not in (None, [], "")}

    @classmethod
    def from_args(cls, args: Args, vocabularies: Vocabularies, page_size: int = 20) -> SearchParams:
        """Validate URL arguments; raise InvalidParams naming every bad one. Unknown arguments are
        ignored so links with tracking parameters still work."""
        errors: list[ParamError] = []
        q, notes = _query(args.get("q", "") or "", errors)
        filters = _filters(args, vocabularies, errors)
        cursor = _cursor(args.get("cursor"), errors)
        sort = args.get("sort") or (cursor.sort if cursor else default_sort(q))
        if sort not in SORTS:
            errors.append(ParamError("sort", "unknown_sort", {"value": sort[:20], "allowed": SORTS}))
        elif cursor and cursor.sort != sort:
            errors.append(ParamError("cursor", "cursor_sort_mismatch"))
        page = _page(args.get("page"), max_page_of(page_size), errors)
        if cursor and args.get("page"):
            errors.append(ParamError("cursor", "page_and_cursor"))
        cited = _cited(args.get("cited"), errors)
        dates = date_ranges(args.get, lambda param, code, details: errors.append(ParamError(param, code, details)))
        # Only an ungrouped list hands out cursors (collapse gives search_after no total order),
        # so a cursor continues an ungrouped list.
        group_arg = str(args.get("group") or "").strip().lower()
        if group_arg and group_arg not in GROUP_OFF + GROUP_ON:
            errors.append(ParamError("group", "unknown_value", {"values": [group_arg[:20]]}))
        group = not cursor and group_arg not in GROUP_OFF
        expand_arg = str(args.get("expand") or "").strip().lower()
        if expand_arg and expand_arg not in EXPAND_OFF + EXPAND_ON:
            errors.append(ParamError("expand", "unknown_value", {"values": [expand_arg[:20]]}))
        if errors:
            raise InvalidParams(errors)
        expand = expand_arg not in EXPAND_OFF
        return cls(q, filters, sort, page, page_size, cursor, notes, expand, cited, dates, group)


def parse_query(raw: str) -> tuple[str, tuple[str, ...]]:
    """(query to search, syntax notes) of a query typed alone (the document page), or InvalidParams."""
    errors: list[ParamError] = []
    q, notes = _query(raw, errors)
    if errors:
        raise InvalidParams(errors)
    return q, notes


def _query(raw: str, errors: list[ParamError]) -> tuple[str, tuple[str, ...]]:
    if len(raw) > MAX_QUERY_CHARS:
        errors.append(ParamError("q", "too_long", {"max": MAX_QUERY_CHARS, "length": len(raw)}))
        return "", ()
    return repair_query(raw)


def default_sort(q: str) -> str:
    """Relevance when there is something to be relevant to, otherwise the newest first."""
    return "relevance" if q else "newest"


def _nonempty(filters: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {f: tuple(v) for f, v in filters.items() if v}


def _filters(args: Args, vocabularies: Vocabularies, errors: list[ParamError]) -> dict[str, tuple[str, ...]]:
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = list(dict.fromkeys(v.strip() for v in args.getlist(facet) if v.strip()))
        if facet == "country":
            values = [v.upper() for v in values]
        if len(values) > MAX_VALUES_PER_FACET:
            errors.append(ParamError(facet, "too_many_values", {"max": MAX_VALUES_PER_FACET}))
            continue
        unknown = [v for v in values if not vocabularies.allows(facet, v)]
        if unknown:
            errors.append(ParamError(facet, "unknown_value", {"values": unknown}))
        elif values:
            filters[facet] = tuple(values)
    return filters


def _page(raw: str | None, max_page: int, errors: list[ParamError]) -> int:
    if raw in (None, ""):
        return 1
    if not raw.isdigit() or not 1 <= int(raw) <= max_page:
        errors.append(ParamError("page", "bad_page", {"value": raw[:20], "max": max_page}))
        return 1
    return int(raw)


def _cited(raw: str | None, errors: list[ParamError]) -> int:
    if raw in (None, ""):
        return 0
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_CITED:
        errors.append(ParamError("cited", "bad_cited", {"value": raw[:20], "max": MAX_CITED}))
        return 0
    return int(raw)


def _cursor(raw: str | None, errors: list[ParamError]) -> Cursor | None:
    if not raw:
        return None
    try:
        return Cursor.decode(raw[:500])
    except ValueError:
        errors.append(ParamError("cursor", "bad_cursor"))
        return None
