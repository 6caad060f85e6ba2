"""References for reference managers, read back by the libraries such tools rely on: rispy for
RIS, bibtexparser for BibTeX, and CSL-JSON as JSON."""

import datetime as dt
import json

import bibtexparser
import rispy

from portal.citations import bibtex_record, csl_json_lines, reference, ris_records

CASE = reference(
    {"title": "Judgment pursuant to Article 74 of the Statute", "language": "en", "date": "2012-03-15",
     "decided": "2012-03-14", "doc_type": ["judgment"],
     "case": {"name": "Prosecutor v. Thomas Lubanga Dyilo", "numbers": ["ICC-01/04-01/06-2842"],
              "ecli": "ECLI:XX:ICC:2012:0314"}},
    doc_id="lubanga", url="https://portal.example/en/documents/lubanga", authority="FIDH",
    court="International Criminal Court", page=143)
REPORT = reference(
    {"title": "Torture & {impunity} in 100% of cases: $_#~^\\", "language": "ru", "date": "2020-03-15",
     "doc_type": ["report"], "summary": "Доклад о пытках."},
    doc_id="r1", url="https://portal.example/ru/documents/r1", authority="Civil Rights Defenders")


def test_a_case_in_ris_has_its_name_court_decision_date_number_ecli_and_page():
    [record] = rispy.loads("".join(ris_records([CASE])))
    assert record["type_of_reference"] == "CASE"
    assert record["title"] == "Prosecutor v. Thomas Lubanga Dyilo"
    assert record["publisher"] == "International Criminal Court"
    assert (record["year"], record["date"]) == ("2012", "2012/03/14/")
    assert record["number"] == "ICC-01/04-01/06-2842"
    assert "ECLI: ECLI:XX:ICC:2012:0314" in record["notes"]
    assert record["start_page"] == "143" and record["urls"] == ["https://portal.example/en/documents/lubanga"]


def test_a_result_set_in_ris_is_one_record_per_document():
    records = rispy.loads("".join(ris_records([CASE, REPORT, CASE])))
    assert [r["type_of_reference"] for r in records] == ["CASE", "RPRT", "CASE"]
    assert records[1]["authors"] == ["Civil Rights Defenders"] and records[1]["abstract"] == "Доклад о пытках."


def test_bibtex_escapes_its_special_characters_and_keeps_other_scripts():
    library = bibtexparser.parse_string(bibtex_record(REPORT) + bibtex_record(CASE))
    assert not library.failed_blocks
    report, case = library.entries
    assert report.entry_type == "techreport" and report.key == "giai-r1"
    assert report["title"] == r"{Torture \& \{impunity\} in 100\% of cases: \$\_\#\~{}\^{}\textbackslash{}}"
    assert report["author"] == "{Civil Rights Defenders}" and report["langid"] == "ru"
    assert (case["number"], case["note"], case["pages"]) == ("ICC-01/04-01/06-2842", "ECLI: ECLI:XX:ICC:2012:0314", "143")
    assert case["institution"] == "International Criminal Court" and case["date"] == "2012-03-14"


def test_csl_json_is_an_array_of_legal_cases_and_reports():
    items = json.loads("".join(csl_json_lines([CASE, REPORT])))
    case, report = items
    assert case["type"] == "legal_case" and case["authority"] == "International Criminal Court"
    assert case["issued"] == {"date-parts": [[2012, 3, 14]]} and case["number"] == "ICC-01/04-01/06-2842"
    assert report["type"] == "report" and report["author"] == [{"literal": "Civil Rights Defenders"}]
    assert json.loads("".join(csl_json_lines([]))) == []


def test_a_document_without_a_date_or_case_is_still_a_reference():
    bare = reference({}, doc_id="x", url="https://portal.example/x", authority="REDRESS")
    assert not bare.is_case and bare.when is None and bare.title == "x"
    assert rispy.loads("".join(ris_records([bare])))[0]["title"] == "x"
    assert bare.date is None and isinstance(CASE.decided, dt.date)
