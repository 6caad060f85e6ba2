"""The phrase matcher (giai.phrases) on phrases of its own; the thesaurus's and the country
index's labels are matched in test_thesaurus.py and test_countries.py."""

from __future__ import annotations

import pytest

from giai.phrases import Phrase, PhraseMatcher


def hits(matcher: PhraseMatcher, text: str, **kwargs) -> list[tuple[str, str]]:
    return [(hit.phrases[0].key, text[hit.start:hit.end]) for hit in matcher.find(text, **kwargs)]


def test_a_longer_match_starting_later_beats_a_shorter_one_it_overlaps():
    matcher = PhraseMatcher([
        Phrase("sexual-violence", "en", "sexual violence"),
        Phrase("violence-against-women", "en", "violence against women and girls"),
    ])
    assert hits(matcher, "sexual violence against women and girls") == [
        ("violence-against-women", "violence against women and girls")
    ]


def test_offsets_point_into_the_original_text_past_folded_characters():
    matcher = PhraseMatcher([Phrase("cah", "fr", "crimes contre l'humanité")])
    text = "Les ﬁlles décrivent des CRIMES CONTRE L’HUMANITE."
    assert hits(matcher, text) == [("cah", "CRIMES CONTRE L’HUMANITE")]


def test_matches_stop_at_word_boundaries():
    matcher = PhraseMatcher([Phrase("icc", "en", "ICC")])
    assert hits(matcher, "the ICCPR and the ICC") == [("icc", "ICC")]


def test_query_only_phrases_count_in_queries_only():
    matcher = PhraseMatcher([Phrase("torture", "en", "torture"), Phrase("cat", "en", "cat", query_only=True)])
    assert hits(matcher, "torture and cat") == [("torture", "torture")]
    assert hits(matcher, "torture and cat", query=True) == [("torture", "torture"), ("cat", "cat")]


def test_respect_capitals_needs_a_capitalised_word_outside_queries():
    matcher = PhraseMatcher([Phrase("TD", "en", "Chad")], respect_capitals=True)
    assert hits(matcher, "a chad fell; Chad signed") == [("TD", "Chad")]
    assert hits(matcher, "chad", query=True) == [("TD", "chad")]


def test_a_label_without_words_is_refused():
    with pytest.raises(ValueError, match="has no words"):
        PhraseMatcher([Phrase("empty", "en", " - ")])
