"""The word forms a label takes in running text (giai.word_forms)."""

from __future__ import annotations

from giai.word_forms import arabic_candidates, latin_forms, russian_forms


def test_russian_forms_cover_the_cases_of_a_feminine_noun():
    assert {"пытка", "пытки", "пытке", "пытку", "пыткой", "пытками", "пытках"} <= russian_forms("пытка")


def test_russian_forms_cover_the_cases_and_numbers_of_an_adjective():
    assert {"насильственного", "насильственных", "насильственные", "насильственным"} <= russian_forms("насильственное")


def test_russian_forms_leave_prepositions_alone():
    assert russian_forms("по") == frozenset({"по"})


def test_latin_forms_give_singular_and_plural_in_english_french_and_spanish():
    assert {"crime", "crimes"} <= latin_forms("crimes")
    assert "desapariciones" in latin_forms("desaparicion")
    assert "immunities" in latin_forms("immunity")
    assert "tribunaux" in latin_forms("tribunal")


def test_arabic_candidates_strip_one_attached_prefix():
    assert {"والتعذيب", "التعذيب", "تعذيب"} <= set(arabic_candidates("والتعذيب"))
    assert "تعذيب" in arabic_candidates("للتعذيب")
