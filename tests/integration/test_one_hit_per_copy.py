"""One hit per copy: the same file published by two organisations — public at FIDH, restricted to
TRIAL's members at TRIAL — ingested by the real `giai ingest` into the real Elasticsearch, then read
through the portal. It is one hit naming each publisher the reader may see; the organisation facet
counts it once per such publisher; TRIAL's copy never shows through FIDH's public one."""

from __future__ import annotations

import pytest

from tests.fixtures.auth import add_account, portal_app, sign_in
from tests.integration.ingest_support import documents, ingest_env, ingest_ok, write_pdf

WORD = "zqcopied"
REPORT = [[f"Report on the {WORD} detention centre", "Torture of detainees in Syria was documented by the mission."]]


@pytest.fixture
def readers(es, alias, settings, tmp_path, database, database_url, vocabularies):
    """reader → a test client: anonymous, and a member of TRIAL."""
    corpus = tmp_path / "corpus"
    write_pdf(corpus / "fidh" / "report.pdf", REPORT, sidecar="organisation: fidh\naccess: public\n")
    write_pdf(corpus / "trial" / "rapport.pdf", REPORT, sidecar="organisation: trial\naccess: restricted\n")
    write_pdf(corpus / "fidh" / "other.pdf", [[f"Another {WORD} report", "Enforced disappearance in Syria."]],
              sidecar="organisation: fidh\n")
    ingest_ok(str(corpus), env=ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_OCR_LANGUAGES=""))
    indexed = {d["organisation"] + "/" + d["file"]["name"]: d for d in documents(es, alias).values()}
    assert sorted(indexed) == ["fidh/other.pdf", "fidh/report.pdf", "trial/rapport.pdf"]
    assert indexed["fidh/report.pdf"]["version_group"] == indexed["trial/rapport.pdf"]["version_group"]
    assert indexed["fidh/report.pdf"]["id"] != indexed["trial/rapport.pdf"]["id"]
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    member = app.test_client()
    assert sign_in(member, add_account(database, "member@trial.example.org", ["member"], ["trial"])).status_code == 302
    return {"anonymous": app.test_client(), "member of TRIAL": member}


def search(client, query: str = "") -> dict:
    response = client.get(f"/api/v1/search?q={WORD}{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def organisation_counts(answer: dict) -> dict[str, int]:
    return {b["value"]: b["count"] for b in answer["facets"]["organisation"] if b["count"]}


def test_one_file_from_two_organisations_is_one_hit_naming_the_publishers_each_reader_may_see(readers):
    public = search(readers["anonymous"])
    assert public["total"] == 2
    (copied,) = [h for h in public["hits"] if "detention" in h["title"]]
    assert [p["value"] for p in copied["publishers"]] == ["fidh"] and copied["files"] == 1
    assert organisation_counts(public) == {"fidh": 2}
    assert search(readers["anonymous"], "&organisation=trial")["total"] == 0

    member = search(readers["member of TRIAL"])
    assert member["total"] == 2
    (copied,) = [h for h in member["hits"] if "detention" in h["title"]]
    assert sorted(p["value"] for p in copied["publishers"]) == ["fidh", "trial"] and copied["files"] == 2
    assert organisation_counts(member) == {"fidh": 2, "trial": 1}
    only_trial = search(readers["member of TRIAL"], "&organisation=trial")
    assert only_trial["total"] == 1 and only_trial["hits"][0]["organisation"] == "trial"
    assert search(readers["member of TRIAL"], "&group=0")["total"] == 3


def test_the_pages_name_the_other_publisher_only_to_those_who_may_see_its_copy(readers):
    anonymous, member = readers["anonymous"], readers["member of TRIAL"]
    assert "TRIAL" not in anonymous.get(f"/en/search?q={WORD}").get_data(as_text=True)
    results = member.get(f"/en/search?q={WORD}").get_data(as_text=True)
    assert "Also published by:" in results and "TRIAL International" in results
    (fidh_copy,) = [h["id"] for h in search(anonymous)["hits"] if "detention" in h["title"]]
    assert "TRIAL" not in anonymous.get(f"/en/documents/{fidh_copy}").get_data(as_text=True)
    page = member.get(f"/en/documents/{fidh_copy}").get_data(as_text=True)
    assert "Also published by" in page and "TRIAL International" in page
    assert anonymous.get(f"/api/v1/documents/{fidh_copy}").get_json()["copies"] == []
    (trial_copy,) = member.get(f"/api/v1/documents/{fidh_copy}").get_json()["copies"]
    assert trial_copy["organisation"] == "trial"
    assert [c["id"] for c in member.get(f"/api/v1/documents/{trial_copy['id']}").get_json()["copies"]] == [fidh_copy]
