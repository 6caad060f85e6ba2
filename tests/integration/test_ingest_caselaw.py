"""Case law through the real pipeline: a court's cover page gives the case (number, name, court,
chamber, decision date) with evidence; the citations of every page are indexed with their page,
not the document's own case; a sidecar's case fields win over the rules."""

from __future__ import annotations

from ingest_support import documents, ingest_env, ingest_ok, write_pdf

COVER = [
    "Original: English No.: ICC-01/04-01/06-2842",
    "Date: 14 March 2012",
    "TRIAL CHAMBER I",
    "SITUATION IN THE DEMOCRATIC REPUBLIC OF THE CONGO",
    "THE PROSECUTOR v. THOMAS LUBANGA DYILO",
    "Judgment pursuant to Article 74 of the Statute",
]
REASONS = [
    "The Chamber follows the Appeals Chamber in Tadić, IT-94-1-A, on the control of armed groups.",
    "Rape as genocide was established in Akayesu. Lubanga (ICC-01/04-01/06) is this case itself.",
]
BRIEF = [
    "Amicus curiae observations on reparations",
    "This brief recalls the Lubanga judgment and Aksoy v. Turkey, no. 21987/93.",
]


def test_a_judgment_and_a_brief_citing_it_are_indexed_with_case_and_citations(es, alias, settings, tmp_path):
    folder = tmp_path / "corpus"
    write_pdf(folder / "judgment.pdf", [COVER, REASONS[:1], REASONS[1:]])
    write_pdf(folder / "brief.pdf", [BRIEF], sidecar="doc_type: amicus-brief\ncase_numbers: [ICC-01/04-01/06]\n"
                                                   "case_name: Lubanga reparations\ndecided: 2015-03-03\n")
    ingest_ok(str(folder), env=ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES=""))
    docs = {d["file"]["name"]: d for d in documents(es, alias).values()}

    judgment = docs["judgment.pdf"]
    assert judgment["case"]["numbers"] == ["ICC-01/04-01/06-2842"]
    assert judgment["case"]["keys"] == ["ICC-01/04-01/06"]
    assert judgment["case"]["name"] == "The Prosecutor v. Thomas Lubanga Dyilo"
    assert judgment["case"]["chamber"] == "TRIAL CHAMBER I"
    assert judgment["court"] == judgment["case"]["court"] == "icc"
    assert judgment["decided"] == judgment["case"]["decided"] == "2012-03-14" and judgment["decided_year"] == 2012
    assert {"value": "numbers", "source": "rule", "terms": ["ICC-01/04-01/06-2842"]} in judgment["evidence"]["case"]
    assert [(c["case"], c["page"]) for c in judgment["cites"]] == [("IT-94-1", 2), ("ICTR-96-4", 3)]

    brief = docs["brief.pdf"]
    assert brief["case"]["name"] == "Lubanga reparations" and brief["decided"] == "2015-03-03"
    assert {"value": "name", "source": "metadata", "terms": []} in brief["evidence"]["case"]
    # Its own case is not cited; the ECtHR case is, by name and number, on page 1.
    assert [(c["case"], c["page"]) for c in brief["cites"]] == [("ECHR 21987/93", 1)]
