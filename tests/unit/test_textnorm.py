"""Normalisation for matching (giai.textnorm): what writers and extractors vary but readers do not."""

from __future__ import annotations

from giai.textnorm import normalise, words


def test_normalise_folds_case_latin_accents_and_typographic_apostrophes():
    assert normalise("Crimes contre l’Humanité, DESAPARICIÓN, Señor") == "crimes contre l'humanite, desaparicion, senor"


def test_normalise_folds_yo_but_keeps_short_i():
    assert normalise("ЁЛКА Ёж Й й") == "елка еж й й"


def test_normalise_removes_arabic_tashkeel_and_tatweel():
    assert normalise("الاختفاءُ القسريّ") == "الاختفاء القسري"
    assert normalise("التعـــذيب") == "التعذيب"


def test_normalise_unifies_alef_forms_ta_marbuta_and_alef_maqsura():
    assert normalise("أحمد إلى آخر ٱلمدرسة مستشفى") == "احمد الي اخر المدرسه مستشفي"


def test_normalise_applies_compatibility_forms_ligatures_and_arabic_presentation_forms():
    assert normalise("ﬁnal Ｆull") == "final full"
    assert normalise("ﻻ") == "لا"


def test_normalise_composes_decomposed_accents_before_folding():
    assert normalise("e\u0301te\u0301") == "ete"
    assert normalise("и\u0306") == "й"


def test_normalise_drops_soft_hyphens_and_bidi_marks_and_unifies_dashes():
    assert normalise("perse\u00adcution\u200f – x") == "persecution - x"


def test_words_split_on_apostrophes_and_hyphens():
    assert words("Crimes contre l’humanité, Congo-Kinshasa") == (
        "crimes", "contre", "l", "humanite", "congo", "kinshasa",
    )
