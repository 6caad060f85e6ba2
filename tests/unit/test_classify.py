"""Classification: precedence (curator > metadata > rules), ancestors, evidence, dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from ingest.classify import classify, find_date
from ingest.models import Metadata


@dataclass
class Concept:
    facets: tuple[str, ...]
    parent: str | None
    labels: tuple[str, ...]


@dataclass
class Match:
    concept_id: str
    text: str
    lang: str
    start: int
    end: int


@dataclass
class CountryMatch:
    code: str
    text: str
    start: int
    end: int


class FakeThesaurus:
    """The shape of giai.thesaurus.Thesaurus, with a few concepts."""

    CONCEPTS = {
        "crimes-against-humanity": Concept(
            ("crime_type",), None, ("crimes against humanity", "crimes contre l'humanité")
        ),
        "persecution": Concept(("crime_type",), "crimes-against-humanity", ("persecution",)),
        "gender-based-persecution": Concept(("crime_type", "gender"), "persecution", ("gender-based persecution",)),
        "torture": Concept(("crime_type",), None, ("torture", "пытки")),
        "sgbv": Concept(("gender",), None, ("sexual violence",)),
        "crsv": Concept(("gender",), "sgbv", ("conflict-related sexual violence",)),
        "report": Concept(("doc_type",), None, ("report", "rapport")),
        "judgment": Concept(("doc_type",), None, ("judgment",)),
        "submission": Concept(("doc_type",), None, ("submission",)),
        "amicus-brief": Concept(("doc_type",), "submission", ("amicus brief",)),
        "icc": Concept(("body",), None, ("International Criminal Court",)),
    }

    def find(self, text):
        found = []
        for concept_id, concept in self.CONCEPTS.items():
            for label in concept.labels:
                for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", text, re.I):
                    found.append(Match(concept_id, m.group(0), "en", m.start(), m.end()))
        # the longest match wins where labels overlap, as a real matcher does
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept, end = [], -1
        for m in found:
            if m.start >= end:
                kept.append(m)
                end = m.end
        return kept

    def get(self, concept_id):
        return self.CONCEPTS.get(concept_id)

    def ancestors(self, concept_id):
        result, concept = [], self.CONCEPTS.get(concept_id)
        while concept and concept.parent:
            result.append(concept.parent)
            concept = self.CONCEPTS.get(concept.parent)
        return result


class FakeCountries:
    NAMES = {"CD": ("Democratic Republic of the Congo", "RDC"), "UA": ("Ukraine",), "SY": ("Syria",)}

    def find(self, text):
        return sorted(
            (
                CountryMatch(code, m.group(0), m.start(), m.end())
                for code, names in self.NAMES.items()
                for name in names
                for m in re.finditer(re.escape(name), text)
            ),
            key=lambda m: m.start,
        )


T, C = FakeThesaurus(), FakeCountries()


def run(title="", pages=(), metadata=Metadata(), **kw):
    return classify(title, list(pages), metadata, T, C, **kw)


def test_a_concept_mentioned_twice_in_the_text_is_assigned_with_its_matched_terms():
    result = run(pages=["Acts of torture were reported.", "More torture and a single persecution."])
    assert result.facets["crime_type"] == ("torture",)
    assert result.evidence["crime_type"] == [{"value": "torture", "source": "rule", "terms": ["torture"]}]


def test_running_headers_count_once_and_never_as_the_heading():
    pages = ["Nothing here.", "Nothing there.", "Nor here."]
    alone = run(pages=pages, furniture="Ukraine country report · torture monitoring")
    assert (alone.facets["country"], alone.facets["crime_type"], alone.facets["doc_type"]) == ((), (), ())
    with_text = run(pages=["Detainees in Ukraine spoke to us.", *pages], furniture="Ukraine country report")
    assert with_text.facets["country"] == ("UA",)


def test_one_mention_in_the_title_is_enough():
    assert run(title="On torture", pages=["nothing here"]).facets["crime_type"] == ("torture",)


def test_a_child_concept_brings_its_ancestors_in_the_same_facet():
    result = run(pages=["gender-based persecution " * 2])
    assert result.facets["crime_type"] == ("gender-based-persecution", "persecution", "crimes-against-humanity")
    assert result.facets["gender"] == ("gender-based-persecution",)
    assert {
        "value": "persecution",
        "source": "rule",
        "terms": [],
        "via": "gender-based-persecution",
    } in result.evidence["crime_type"]


def test_metadata_wins_over_rules_facet_by_facet():
    metadata = Metadata(crime_type=("crsv",), gender=("crsv",), doc_type="amicus-brief")
    result = run(title="Report", pages=["torture torture"], metadata=metadata)
    assert result.facets["gender"] == ("crsv", "sgbv")
    assert result.facets["doc_type"] == ("amicus-brief", "submission")
    assert result.evidence["doc_type"][0] == {"value": "amicus-brief", "source": "metadata", "terms": ["amicus-brief"]}
    # crsv is no crime type: the metadata value is refused with a warning, and the rules decide
    assert result.facets["crime_type"] == ("torture",) and any("crsv" in w for w in result.warnings)


def test_metadata_may_name_a_concept_by_a_label_in_any_language():
    result = run(metadata=Metadata(crime_type=("Crimes contre l'humanité",)))
    assert result.facets["crime_type"] == ("crimes-against-humanity",)


def test_curator_corrections_win_over_metadata_and_rules():
    result = run(
        pages=["torture torture"],
        metadata=Metadata(crime_type=("persecution",)),
        corrections={"crime_type": ["torture"]},
    )
    assert result.facets["crime_type"] == ("torture",) and result.evidence["crime_type"][0]["source"] == "curator"


def test_feed_categories_count_as_metadata():
    result = run(pages=["a report"], metadata=Metadata(categories=("torture", "campaign news")))
    assert result.facets["crime_type"] == ("torture",) and result.evidence["crime_type"][0]["source"] == "metadata"


def test_a_document_has_one_type_decided_by_its_title_first():
    result = run(title="Amicus brief of the coalition", pages=["This judgment and this judgment and the report."])
    assert result.facets["doc_type"] == ("amicus-brief", "submission")


def test_without_a_title_match_the_heading_names_the_type():
    assert run(pages=["REPORT of the mission. " + "x " * 300 + "judgment judgment"]).facets["doc_type"] == ("report",)


def test_a_type_named_once_in_passing_is_no_evidence_but_a_repeated_one_is():
    filler = "x " * 300
    assert run(pages=[filler + "as the judgment said"]).facets["doc_type"] == ()
    assert run(pages=[filler + "this report and the report"]).facets["doc_type"] == ("report",)


def test_countries_and_bodies_need_two_mentions_or_the_title():
    result = run(
        title="Ukraine",
        pages=[
            "Syria once. RDC and Democratic Republic of the Congo. International Criminal Court twice: International Criminal Court"
        ],
    )
    assert result.facets["country"] == ("UA", "CD")
    assert result.facets["body"] == ("icc",)
    assert result.evidence["country"][1]["terms"] == ["RDC", "Democratic Republic of the Congo"]


def test_metadata_countries_win_over_those_in_the_text():
    assert run(pages=["Syria Syria"], metadata=Metadata(country=("UA",))).facets["country"] == ("UA",)


def test_the_date_comes_from_metadata_then_the_first_page_then_the_file():
    assert run(metadata=Metadata(date="2020-01-02"), pages=["5 May 2021"]).date == "2020-01-02"
    found = run(pages=["Issued in The Hague on 5 May 2021"], fallback_date="2019-01-01")
    assert (found.date, found.year, found.evidence["date"][0]["terms"]) == ("2021-05-05", 2021, ["5 May 2021"])
    assert run(pages=["no date"], fallback_date="2019-01-01").evidence["date"][0]["source"] == "file"
    assert run(pages=["no date"]).date is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Geneva, 12 March 2023", "2023-03-12"),
        ("March 12, 2023", "2023-03-12"),
        ("Paris, le 1er avril 2022", "2022-04-01"),
        ("Москва, 3 марта 2021 г.", "2021-03-03"),
        ("Bogotá, 7 de julio de 2020", "2020-07-07"),
        ("جنيف، 15 مارس 2019", "2019-03-15"),
        ("Ref 2018-11-30", "2018-11-30"),
        ("le 31/12/2017", "2017-12-31"),
        ("31 February 2017 then 1 March 2017", "2017-03-01"),
        ("1 March 2017, first published 31/12/2016", "2017-03-01"),
    ],
)
def test_dates_are_read_in_the_five_languages(text, expected):
    assert find_date(text)[0] == expected


def test_the_latest_date_on_the_page_is_the_publication_date_unless_it_lies_ahead():
    today = dt.date(2024, 1, 1)
    assert find_date("Events of 3 March 2019; issued 2020-06-01", today)[0] == "2020-06-01"
    assert find_date("Issued 2020-06-01; comments due by 1 March 2030", today)[0] == "2020-06-01"
