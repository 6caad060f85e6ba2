"""The citator's recognition against its judged set (benchmarks/citations.py prints the figures)."""

from __future__ import annotations

from benchmarks.citations import measure
from giai.index_schema import LANGUAGES


def test_the_judged_set_covers_five_languages_with_enough_occurrences():
    scores = measure()
    assert set(scores) - {"all"} == set(LANGUAGES)
    assert scores["all"].expected >= 150
    assert all(score.expected >= 30 for score in scores.values())


def test_precision_and_recall_of_recognition_reach_the_goal():
    total = measure()["all"]
    assert total.precision >= 0.95 and total.recall >= 0.95, total.errors
