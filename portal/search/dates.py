"""From–to ranges on a document's publication date (`date`) and its decision date (`decided`,
case law), as URL arguments `date_from`/`date_to` and `decided_from`/`decided_to` (ISO dates,
either end may be left open)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# URL argument prefix -> indexed date field.
RANGE_FIELDS = {"date": "date", "decided": "decided"}
MAX_DATE_CHARS = 10


@dataclass(frozen=True)
class DateRange:
    """Dates from `start` to `end`, both included; None leaves that end open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None

    def clause(self, field: str) -> dict[str, Any]:
        bounds = {}
        if self.start:
            bounds["gte"] = self.start.isoformat()
        if self.end:
            bounds["lte"] = self.end.isoformat()
        return {"range": {field: bounds | {"format": "yyyy-MM-dd"}}}


def parse_date(raw: str) -> dt.date:
    """A YYYY-MM-DD date, else ValueError (a year alone is not a date: which day would it mean?)."""
    if len(raw) != MAX_DATE_CHARS:
        raise ValueError(raw)
    return dt.date.fromisoformat(raw)


def date_ranges(get: Callable[[str], str | None], error: Callable[[str, str, dict], None]) -> dict[str, DateRange]:
    """The ranges asked for, by prefix ("date", "decided"); each bad argument reported through
    `error(param, code, details)`: `bad_date` (not YYYY-MM-DD) or `date_order` (to before from)."""
    ranges: dict[str, DateRange] = {}
    for prefix in RANGE_FIELDS:
        ends: list[dt.date | None] = []
        for end in ("from", "to"):
            param, raw = f"{prefix}_{end}", (get(f"{prefix}_{end}") or "").strip()
            try:
                ends.append(parse_date(raw) if raw else None)
            except ValueError:
                error(param, "bad_date", {"value": raw[:20]})
                ends.append(None)
        start, stop = ends
        if start and stop and stop < start:
            error(f"{prefix}_to", "date_order", {"start": start.isoformat(), "end": stop.isoformat()})
        elif start or stop:
            ranges[prefix] = DateRange(start, stop)
    return ranges


def range_clauses(ranges: dict[str, DateRange]) -> list[dict[str, Any]]:
    return [r.clause(RANGE_FIELDS[prefix]) for prefix, r in ranges.items() if r]


def range_args(ranges: dict[str, DateRange]) -> dict[str, str]:
    """The URL arguments that ask for `ranges` again."""
    args = {}
    for prefix, r in ranges.items():
        if r.start:
            args[f"{prefix}_from"] = r.start.isoformat()
        if r.end:
            args[f"{prefix}_to"] = r.end.isoformat()
    return args
