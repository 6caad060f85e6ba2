"""Content-note rules and name candidates (pure)."""

from __future__ import annotations

from giai.content_notes import flag_pages, judge_page
from giai.name_candidates import find_candidates


def test_a_page_that_describes_what_was_done_to_a_body_is_flagged_in_each_language():
    pages = {
        "en": "They beat him with a cable until his back was bleeding.",
        "fr": "Ils l'ont frappé à coups de câble jusqu'au sang.",
        "ru": "Его избивали кабелем, пока не пошла кровь.",
        "es": "Lo golpearon con un cable hasta que sangró.",
        "ar": "ضربوه بالكابل حتى سال الدم.",
    }
    for language, text in pages.items():
        assert judge_page(text, language).flagged, language


def test_naming_a_crime_is_not_describing_it():
    for language, text in {"en": "Torture and rape are crimes against humanity.", "ar": "التعذيب والاغتصاب جرائم ضد الإنسانية.",
                           "ru": "Пытки и изнасилования являются преступлениями против человечности."}.items():
        verdict = judge_page(text, language)
        assert not verdict.flagged, (language, verdict.evidence)


def test_a_curators_verdict_wins_over_the_rules():
    pages = [{"number": 1, "language": "en", "text": "They beat him with a cable until he bled."},
             {"number": 2, "language": "en", "text": "The budget grew."}]
    flagged, evidence = flag_pages(pages, {1: False, 2: True})
    assert [p["content_note"] for p in flagged] == [False, True]
    assert [(e["page"], e["source"], e.get("removed", False)) for e in evidence] == [(1, "curator", True), (2, "curator", False)]


def test_names_near_victim_and_witness_words_are_proposed_in_three_scripts():
    pages = [
        {"number": 1, "language": "en", "text": "The witness Amina Yusuf told the Court. Later the Court of Appeal ruled."},
        {"number": 2, "language": "ru", "text": "Потерпевшая Мария Иванова показала, что её сын Олег Петров был задержан."},
        {"number": 3, "language": "ar", "text": "قالت الشاهدة أمينة يوسف إن الحراس ضربوها."},
        {"number": 4, "language": "es", "text": "La víctima María José Pérez de León denunció los hechos."},
    ]
    found = [c.name for c in find_candidates(pages, known=["Олег Петров"])]
    assert found == ["Amina Yusuf", "Мария Иванова", "أمينة يوسف", "María José Pérez de León"]
