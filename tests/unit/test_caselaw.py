"""Case-law metadata from the head of a court's document, from sidecars, with evidence."""

from __future__ import annotations

from giai.cases import load_cases
from giai.countries import load_countries
from giai.thesaurus import load_thesaurus
from ingest.caselaw import extract_case
from ingest.classify import classify
from ingest.models import Metadata
from ingest.sources.metadata import parse_sidecar

CASES, THESAURUS, COUNTRIES = load_cases(), load_thesaurus(), load_countries()

ICC_COVER = """Original: English No.: ICC-01/04-01/06-2842
Date: 14 March 2012
TRIAL CHAMBER I
Before: Judge Adrian Fulford, Presiding Judge
SITUATION IN THE DEMOCRATIC REPUBLIC OF THE CONGO
IN THE CASE OF
THE PROSECUTOR v. THOMAS LUBANGA DYILO
Public
Judgment pursuant to Article 74 of the Statute"""
ECTHR_RU = """ЕВРОПЕЙСКИЙ СУД ПО ПРАВАМ ЧЕЛОВЕКА
БОЛЬШАЯ ПАЛАТА
ДЕЛО «ИВАНОВ ПРОТИВ РОССИИ»
(Жалоба № 12345/06)
ПОСТАНОВЛЕНИЕ
Страсбург, 18 декабря 2008 г."""
IACTHR_ES = """Corte Interamericana de Derechos Humanos
Caso Almonacid Arellano y otros vs. Chile
Sentencia de 26 de septiembre de 2006
(Excepciones Preliminares, Fondo, Reparaciones y Costas)
Serie C No. 154"""


def case_of(text: str, title: str = "", metadata: Metadata = Metadata(), language: str = "en"):
    classification = classify(title, [text], metadata, THESAURUS, COUNTRIES)
    return extract_case(title, [text], metadata, classification, CASES, language, THESAURUS.concepts_in("body"))


def test_an_icc_cover_page_gives_number_name_court_chamber_date_and_type():
    found = case_of(ICC_COVER, "Judgment pursuant to Article 74 of the Statute")
    assert found.case == {
        "numbers": ["ICC-01/04-01/06-2842"], "name": "The Prosecutor v. Thomas Lubanga Dyilo",
        "parties": ["THOMAS LUBANGA DYILO"], "court": "icc", "chamber": "TRIAL CHAMBER I", "decided": "2012-03-14",
        "type": "judgment", "keys": ["ICC-01/04-01/06"],
    }
    assert {"value": "decided", "source": "rule", "terms": ["14 March 2012"]} in found.evidence


def test_an_ecthr_judgment_in_russian_gives_the_application_and_its_parties():
    found = case_of(ECTHR_RU, metadata=Metadata(doc_type="judgment"), language="ru").case
    assert found["numbers"] == ["no. 12345/06"] and found["keys"] == ["ECHR 12345/06"]
    assert found["court"] == "ecthr" and found["chamber"] == "БОЛЬШАЯ ПАЛАТА" and found["type"] == "judgment"
    assert found["parties"] == ["ИВАНОВ", "РОССИИ"]
    assert found["decided"] == "2008-12-18"


def test_an_inter_american_judgment_is_named_in_the_documents_language():
    found = case_of(IACTHR_ES, metadata=Metadata(doc_type="judgment"), language="es").case
    assert found["keys"] == ["IACtHR C 154"] and found["court"] == "iacthr"
    assert found["name"] == "Almonacid Arellano y otros vs. Chile"
    assert found["decided"] == "2006-09-26"


def test_a_report_that_cites_a_case_early_is_no_document_of_that_case():
    text = "Annual report 2020. The Lubanga judgment (ICC-01/04-01/06) changed the law on child soldiers."
    assert case_of(text, "Annual report", Metadata(doc_type="report")).case is None


def test_the_publishers_metadata_wins_over_the_rules_and_says_so():
    metadata = parse_sidecar(
        "case_name: Prosecutor v. Someone\ncase_numbers: [ICC-02/05-01/20]\ndecided: 2024-10-06\nchamber: Trial Chamber I\n"
        "ecli: ECLI:XX:ICC:2024:1\n", "x.meta.yaml")
    assert metadata.decided == "2024-10-06" and metadata.case_numbers == ("ICC-02/05-01/20",)
    found = case_of(ICC_COVER, "Judgment", metadata)
    assert found.case["name"] == "Prosecutor v. Someone" and found.case["decided"] == "2024-10-06"
    assert found.case["keys"] == ["ICC-02/05-01/20", "ECLI:XX:ICC:2024:1"]
    assert {"value": "name", "source": "metadata", "terms": []} in found.evidence


def test_a_decision_date_that_is_no_date_is_a_warning():
    assert parse_sidecar("decided: last week\n", "x.meta.yaml").warnings == ("x.meta.yaml: decided 'last week' is not YYYY-MM-DD",)


def test_a_case_name_is_found_in_quotes_or_between_a_headings_separators():
    assert case_of("Обзор постановления ЕСПЧ по делу «Б.Х. против России»: пытки в отделе полиции", "",
                   Metadata(doc_type="judgment"), "ru").case["name"] == "Б.Х. против России"
    found = case_of("Case summary · Communication No. 3161/2018, R.T. and S.T. v. Nepal · Views adopted on 22 April 2021",
                    "", Metadata(doc_type="decision")).case
    assert (found["name"], found["parties"]) == ("R.T. and S.T. v. Nepal", ["R.T. and S.T.", "Nepal"])
    found = case_of("Summary", "Judgment summary: The Federal Prosecutor v. Mahmoud K. (Higher Regional Court of Celle)",
                    Metadata(doc_type="judgment")).case
    assert (found["name"], found["parties"]) == ("The Federal Prosecutor v. Mahmoud K.", ["Mahmoud K."])


def test_running_text_with_contra_or_against_is_no_case_name():
    assert case_of("El tribunal describió\nuna estrategia militar contra la población\nmaya.", "Sentencia",
                   Metadata(doc_type="judgment"), "es").case is None


def test_a_given_court_that_is_no_body_of_the_thesaurus_is_a_warning_and_the_rules_decide():
    found = case_of(ICC_COVER, "Judgment", Metadata(court="Strasbourg"))
    assert found.case["court"] == "icc"
    assert found.warnings == ("court 'Strasbourg' is not a court or body of the thesaurus",)
    assert case_of(ICC_COVER, "Judgment", Metadata(court="icty")).case["court"] == "icty"
