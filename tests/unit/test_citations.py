"""Citations in text: numbers and short names of well-known cases, in five languages and scripts,
filed under the case's key, with the page they stand on."""

from __future__ import annotations

import pytest

from giai.cases import CasesError, load_cases
from ingest.citations import cited_cases, find_citations

CASES = load_cases()
LUBANGA, TADIC, AKAYESU = "ICC-01/04-01/06", "IT-94-1", "ICTR-96-4"


def cited(text: str) -> list[str]:
    return [c.case for c in find_citations(text, CASES)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Lubanga judgment recalled Tadić.", [LUBANGA, TADIC]),
        ("Le jugement Lubanga rappelle l'arrêt Tadic.", [LUBANGA, TADIC]),
        ("La sentencia Akayesu y el caso Furundžija.", [AKAYESU, "IT-95-17/1"]),
        ("Решение по делу Лубанги и приговор Тадичу.", [LUBANGA, TADIC]),
        ("في قضية لوبانغا وقضية أكاييسو", [LUBANGA, AKAYESU]),
        ("Karadžić, MICT-13-55-A", ["IT-95-5/18", "IT-95-5/18"]),
    ],
)
def test_short_names_and_numbers_are_found_in_every_language(text, expected):
    assert cited(text) == expected


def test_a_place_of_the_same_name_is_no_citation():
    assert cited("Violence in the province of Katanga and in Kinshasa.") == []
    assert cited("Germain Katanga was convicted.") == ["ICC-01/04-01/07"]


def test_a_name_inside_a_case_number_is_counted_once():
    assert cited("Aksoy v. Turkey, no. 21987/93") == ["ECHR 21987/93", "ECHR 21987/93"]
    assert cited("ICC-01/04-01/06-2842") == [LUBANGA]


def test_the_document_cites_each_case_once_per_page_and_never_its_own_case():
    pages = [(1, "ICC-01/04-01/06 Judgment. Tadić, Tadić again"), (2, "Lubanga; Akayesu"), (3, "Tadić")]
    assert cited_cases(pages, CASES, own_keys={LUBANGA}) == [
        {"case": TADIC, "page": 1, "text": "Tadić"},
        {"case": AKAYESU, "page": 2, "text": "Akayesu"},
        {"case": TADIC, "page": 3, "text": "Tadić"},
    ]


def test_a_case_file_with_an_unknown_number_is_refused_with_its_name(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n- {id: x, court: icc, numbers: [not-a-number], name: {en: X}, short: {en: [X]}}\n")
    with pytest.raises(CasesError, match="not-a-number"):
        load_cases(path)
