"""`giai ingest` over config/sources.yaml: folders with sidecars and manifests, a feed served on
127.0.0.1, an inbox; `--source SLUG` for one organisation."""

from __future__ import annotations

import random
import shutil

import pytest
import yaml
from ingest_support import (
    by_name,
    documents,
    giai,
    ingest_env,
    ingest_ok,
    status,
    write_pdf,
    write_synthetic,
)

from giai import PROJECT_ROOT
from giai.index_schema import document_id
from tests.fixtures import web

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><language>es</language>
<item><title>Informe sobre tortura</title><pubDate>Tue, 14 Mar 2023 10:00:00 GMT</pubDate><category>torture</category>
<enclosure url="{base}/files/informe.pdf" type="application/pdf" length="1"/></item>
<item><title>Missing file</title><enclosure url="{base}/files/gone.pdf" type="application/pdf" length="1"/></item>
</channel></rss>"""


@pytest.fixture
def site(tmp_path):
    """A local HTTP server publishing a feed and the document it lists."""
    root = tmp_path / "site"
    write_synthetic(root / "files" / "informe.pdf", random.Random(8), "es", 2)
    with web.site(root) as base:
        (root / "feed.xml").write_text(RSS.format(base=base), encoding="utf-8")
        yield base


@pytest.fixture
def configured(tmp_path, site):
    """A config directory whose sources.yaml names two organisations and three kinds of source."""
    config = tmp_path / "config"
    config.mkdir()
    for path in (PROJECT_ROOT / "config").glob("*.yaml"):
        if path.name != "sources.yaml":
            shutil.copy(path, config / path.name)
    rng = random.Random(9)
    fidh = tmp_path / "fidh"
    write_synthetic(fidh / "rapport.pdf", rng, "fr", 2)
    write_pdf(
        fidh / "members" / "note.pdf",
        [["Internal note on the Ukraine documentation project"]],
        sidecar="access: members\ntitle: Internal note\n",
    )
    (fidh / "manifest.csv").write_text(
        "file,title,crime_type,date\nrapport.pdf,Rapport de mission,torture|war-crimes,2022-06-30\n", encoding="utf-8"
    )
    inbox = tmp_path / "inbox"
    write_pdf(inbox / "upload.pdf", [["An uploaded submission"]], sidecar="organisation: fidh\ntitle: Uploaded\n")
    write_pdf(inbox / "claimed.pdf", [["A submission claiming TRIAL"]], sidecar="organisation: trial\n")
    sources = {
        "organisations": [
            {
                "slug": "fidh",
                "names": {"en": "FIDH"},
                "default_language": "fr",
                "access": "public",
                "sources": [{"kind": "folder", "path": str(fidh)}, {"kind": "inbox", "path": str(inbox)}],
            },
            {
                "slug": "trial",
                "names": {"en": "TRIAL"},
                "default_language": "fr",
                "access": "restricted",
                "sources": [
                    {"kind": "feed", "url": f"{site}/feed.xml"},
                    {"kind": "folder", "path": str(tmp_path / "nowhere")},
                ],
            },
        ]
    }
    (config / "sources.yaml").write_text(yaml.safe_dump(sources), encoding="utf-8")
    return config, fidh, inbox


def test_all_sources_are_ingested_with_their_metadata(es, alias, settings, tmp_path, site, configured):
    config, fidh, inbox = configured
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_CONFIG_DIR=str(config),
                     GIAI_INGEST_FETCH_ALLOWED_HOSTS=web.host_port(site))
    result = ingest_ok(env=env)
    assert "source trial folder:" in result.stdout and "no such folder" in result.stdout  # reported, not fatal

    docs = documents(es, alias)
    rapport = docs[document_id("fidh", f"{fidh}/rapport.pdf")]
    assert rapport["title"] == "Rapport de mission" and rapport["date"] == "2022-06-30" and rapport["year"] == 2022
    assert set(rapport["crime_type"]) == {"torture", "war-crimes"}
    assert rapport["evidence"]["crime_type"][0]["source"] == "metadata"
    note = docs[document_id("fidh", f"{fidh}/members/note.pdf")]
    assert note["access"] == "members" and note["title"] == "Internal note"
    upload = docs[document_id("fidh", f"{inbox}/upload.pdf")]
    assert upload["organisation"] == "fidh" and upload["source"]["kind"] == "inbox"
    # FIDH's inbox files everything under FIDH: a sidecar's claim to another organisation is refused.
    assert docs[document_id("fidh", f"{inbox}/claimed.pdf")]["organisation"] == "fidh"
    informe = docs[document_id("trial", f"{site}/files/informe.pdf")]
    assert informe["title"] == "Informe sobre tortura" and informe["language"] == "es"
    assert informe["access"] == "restricted" and informe["access_orgs"] == ["trial"]
    assert informe["source"] == {
        "kind": "feed",
        "locator": f"{site}/files/informe.pdf",
        "url": f"{site}/files/informe.pdf",
    }
    assert informe["crime_type"] == ["torture"] and informe["date"] == "2023-03-14"

    rows = by_name(status(env))
    assert (rows["gone.pdf"]["status"], rows["gone.pdf"]["reason"]) == ("quarantined", "unreachable")
    assert {r["organisation"] for r in rows.values()} == {"fidh", "trial"}
    assert "organisation 'trial' refused: this source belongs to 'fidh'" in rows["claimed.pdf"]["warnings"][0]


def test_one_organisations_sources_alone(es, alias, settings, tmp_path, site, configured):
    config, _, _ = configured
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_CONFIG_DIR=str(config),
                     GIAI_INGEST_FETCH_ALLOWED_HOSTS=web.host_port(site))
    ingest_ok("--source", "trial", env=env)
    assert {d["organisation"] for d in documents(es, alias).values()} == {"trial"}


def test_an_unknown_organisation_is_a_one_line_error(settings, tmp_path, configured):
    config, _, _ = configured
    env = ingest_env(settings, "never", tmp_path / "data", GIAI_CONFIG_DIR=str(config))
    result = giai("ingest", "--source", "nobody", env=env)
    assert result.returncode == 1 and "no organisation 'nobody'" in result.stderr and "fidh, trial" in result.stderr
    assert "Traceback" not in result.stderr
