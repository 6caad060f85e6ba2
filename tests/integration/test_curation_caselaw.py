"""Curators correct case-law metadata like any other field: recorded, shown at once in the index
(with the case's keys, the top-level decision date and court), said to come from the curator,
undone from the history; the pipeline reads the correction as metadata that wins over rules."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from giai.curation import for_pipeline
from giai.db.curation import Correction
from tests.fixtures.auth import add_account, csrf_token, portal_app, sign_in
from tests.fixtures.auth import form_of as base_form_of
from tests.fixtures.portal.corpus import doc, index_corpus, pages

CASE = {"name": "THE PROSECUTOR v. X", "numbers": ["ICC-01/04-01/06-2842"], "keys": ["ICC-01/04-01/06"],
        "court": "icc", "decided": "2012-03-13"}
EVIDENCE = {"case": [{"value": "decided", "source": "rule", "terms": ["13 March 2012"]},
                     {"value": "name", "source": "rule", "terms": ["THE PROSECUTOR v. X"]}]}
JUDGMENT = doc("icc-judgment", "en", "Judgment", doc_type=["judgment"], body=["icc"], case=CASE, court="icc",
               decided="2012-03-13", decided_year=2012, evidence=EVIDENCE, pages=pages("en", 1, {}))


def indexed(es, alias, doc_id: str) -> dict:
    es.indices.refresh(index=alias)
    return es.get(index=alias, id=doc_id)["_source"]


def form_of(client, doc_id: str, **changes) -> dict:
    """The whole edit form as a browser sends it: the other fields, and the case's, as shown."""
    page = client.get(f"/en/documents/{doc_id}/edit").get_data(as_text=True)
    data = base_form_of(client, doc_id)
    for name in ("case_name", "ecli", "chamber", "decided"):
        found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
        data[name] = found.group(1) if found else ""
    for name in ("case_numbers", "parties"):
        data[name] = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\s*(.*?)</textarea>', page, re.DOTALL).group(1)
    for name in ("court", "case_type"):
        options = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL).group(1)
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', options)
        data[name] = (chosen.group(1) or chosen.group(2)) if chosen else ""
    return data | changes


@pytest.fixture
def curator(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, [JUDGMENT])
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    client = app.test_client()
    assert sign_in(client, add_account(database, "curator@fidh.example", ["curator"], ["fidh"])).status_code == 302
    return client


def test_a_curator_corrects_the_case_and_the_index_shows_it_at_once(curator, es, alias, database):
    data = form_of(curator, "icc-judgment", case_name="The Prosecutor v. Thomas Lubanga Dyilo", decided="2012-03-14",
                   case_numbers="ICC-01/04-01/06-2842\nMICT-13-55", court="icc", case_type="judgment")
    response = curator.post("/en/documents/icc-judgment/edit", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    source = indexed(es, alias, "icc-judgment")
    assert source["case"]["name"] == "The Prosecutor v. Thomas Lubanga Dyilo"
    assert source["decided"] == source["case"]["decided"] == "2012-03-14" and source["decided_year"] == 2012
    assert source["case"]["keys"] == ["ICC-01/04-01/06", "IT-95-5/18", "MICT-13-55"]
    assert {"value": "decided", "source": "curator", "terms": []} in source["evidence"]["case"]
    with database.session() as session:
        corrections = {c.field: c.value for c in session.scalars(select(Correction))}
    assert corrections == {"case_name": "The Prosecutor v. Thomas Lubanga Dyilo", "decided": "2012-03-14",
                           "case_numbers": ["ICC-01/04-01/06-2842", "MICT-13-55"], "case_type": "judgment"}
    assert for_pipeline(corrections).metadata["case_numbers"] == ("ICC-01/04-01/06-2842", "MICT-13-55")
    page = curator.get("/en/documents/icc-judgment/edit").get_data(as_text=True)
    assert re.search(r'<td>The Prosecutor v. Thomas Lubanga Dyilo</td>\s*<td class="origin origin-curator">', page)


def test_undoing_a_decision_date_restores_the_rules_date_and_evidence(curator, es, alias):
    curator.post("/en/documents/icc-judgment/edit", data=form_of(curator, "icc-judgment", decided="2012-03-14"))
    page = curator.get("/en/documents/icc-judgment/history").get_data(as_text=True)
    change_id = re.search(r"/history/(\d+)/undo", page).group(1)
    token = csrf_token(curator, "/en/documents/icc-judgment/history")
    assert curator.post(f"/en/documents/icc-judgment/history/{change_id}/undo", data={"csrf_token": token}).status_code == 302
    source = indexed(es, alias, "icc-judgment")
    assert source["decided"] == source["case"]["decided"] == "2012-03-13"
    assert {"value": "decided", "source": "rule", "terms": ["13 March 2012"]} in source["evidence"]["case"]


def test_an_ecli_that_is_none_is_refused_with_the_fields_name(curator, es, alias):
    response = curator.post("/en/documents/icc-judgment/edit", data=form_of(curator, "icc-judgment", ecli="not an ecli"))
    assert response.status_code == 400 and "ECLI: this value cannot be used." in response.get_data(as_text=True)
    assert "ecli" not in indexed(es, alias, "icc-judgment")["case"]
