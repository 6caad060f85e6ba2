"""Case numbers in each court's form, reduced to the key every citation of the case shares."""

from __future__ import annotations

import pytest

from giai.case_numbers import court_of_key, find_case_numbers


def keys(text: str) -> list[tuple[str, str]]:
    return [(n.key, n.court) for n in find_case_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No.: ICC-01/04-01/06-2842", [("ICC-01/04-01/06", "icc")]),
        ("ICC-01/04-01/06-2842-Red-tENG of 5 April", [("ICC-01/04-01/06", "icc")]),
        ("situation ICC-01/04, decision", [("ICC-01/04", "icc")]),
        ("case IT-95-14/1-T", [("IT-95-14/1", "icty")]),
        ("IT-94-1-AR72 and IT-94-1-A", [("IT-94-1", "icty"), ("IT-94-1", "icty")]),
        ("ICTR-96-4-T", [("ICTR-96-4", "ictr")]),
        ("MICT-13-55-A", [("MICT-13-55", "irmct")]),
        ("ECLI:CE:ECHR:2005:0712JUD004657199", [("ECLI:CE:ECHR:2005:0712JUD004657199", "ecthr")]),
        ("Aksoy v. Turkey, no. 21987/93, § 62", [("ECHR 21987/93", "ecthr")]),
        ("nos. 12345/06 and 4321/07", [("ECHR 12345/06", "ecthr"), ("ECHR 4321/07", "ecthr")]),
        ("requête no 12345/06", [("ECHR 12345/06", "ecthr")]),
        ("жалоба № 12345/06", [("ECHR 12345/06", "ecthr")]),
        ("demanda n.º 12345/06", [("ECHR 12345/06", "ecthr")]),
        ("الطلب رقم 12345/06", [("ECHR 12345/06", "ecthr")]),
        ("Series C No. 162", [("IACtHR C 162", "iacthr")]),
        ("Serie C No. 75", [("IACtHR C 75", "iacthr")]),
        ("série C n° 154", [("IACtHR C 154", "iacthr")]),
        ("серия C № 4", [("IACtHR C 4", "iacthr")]),
        ("CAT/C/36/D/181/2001", [("CAT 181/2001", "un-cat")]),
        ("CCPR/C/119/D/2233/2013", [("CCPR 2233/2013", "un-hrc")]),
    ],
)
def test_each_courts_numbers_are_recognised_and_reduced_to_the_case(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Law No. 47/2018 of 12 June", "on 12/03/2019", "Article 7(1)(g)", "ICC Statute, article 8", "ISBN 978-92-9227-000-1",
     "no. 5/2019 of the bulletin"],
)
def test_what_only_looks_like_a_number_is_not_one(text):
    assert keys(text) == []


def test_the_words_as_written_and_their_offsets_are_kept():
    text = "See ICC-01/04-01/06-2842, para. 5."
    (number,) = find_case_numbers(text)
    assert number.text == "ICC-01/04-01/06-2842" == text[number.start : number.end]


def test_a_keys_court_is_told_by_its_form():
    assert [court_of_key(k) for k in ("ICC-01/04", "IT-94-1", "ECHR 1/01", "IACtHR C 4", "CAT 1/2001", "X")] == [
        "icc", "icty", "ecthr", "iacthr", "un-cat", ""]
