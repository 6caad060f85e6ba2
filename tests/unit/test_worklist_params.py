"""The worklist's request and order, without a server."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.curation.worklist import WorklistParams, by_demand
from portal.search.params import InvalidParams

KNOWN = {("organisation", "fidh"), ("crime_type", "torture"), ("country", "UA")}


def params(**args) -> WorklistParams:
    return WorklistParams.from_args(MultiDict(args), lambda facet, value: (facet, value) in KNOWN)


def test_demand_first_page_one_and_no_filter_by_default():
    assert params() == WorklistParams("demand", {}, 1)


def test_filters_and_page_are_kept():
    assert params(sort="size", organisation="fidh", country="UA", page="3") == WorklistParams(
        "size", {"organisation": ("fidh",), "country": ("UA",)}, 3)


def test_every_bad_parameter_is_named():
    with pytest.raises(InvalidParams) as refused:
        params(sort="popular", organisation="nowhere", page="0")
    assert [(e.param, e.code) for e in refused.value.errors] == [
        ("sort", "unknown_worklist_sort"), ("organisation", "unknown_value"), ("page", "bad_page")]


def test_the_most_demanded_come_first_and_ties_stay_newest_first():
    items = [{"id": "new", "demand": 1}, {"id": "mid", "demand": 5}, {"id": "old", "demand": 1}]  # newest first
    assert [d["id"] for d in by_demand(items)] == ["mid", "new", "old"]
