"""Sources: sidecar and manifest metadata, folder walking, command-line paths, feeds, organisations."""

from __future__ import annotations

import json

import pytest

from giai.index_schema import document_id
from giai.organisations import (
    OrganisationsError,
    organisations_by_slug,
    parse_organisations,
)
from ingest.models import Metadata, SourceItem
from ingest.sources import checked_organisation
from ingest.sources.feed import parse_feed
from ingest.sources.folder import folder_items, path_items
from ingest.sources.metadata import parse_manifest, parse_sidecar


def test_sidecar_gives_every_key_with_lists_and_a_date():
    meta = parse_sidecar(
        "title: Rapport\nlanguage: FR\ndate: 2023-03-12\ncrime_type: [torture, war-crimes]\ngender: sgbv\n"
        "country: [cd, UA]\naccess: restricted\naccess_orgs: [fidh]\ntranslation_group: grp-1\norganisation: fidh\n"
    )
    assert meta.title == "Rapport" and meta.language == "fr" and meta.date == "2023-03-12"
    assert meta.crime_type == ("torture", "war-crimes") and meta.gender == ("sgbv",)
    assert meta.country == ("CD", "UA") and meta.access == "restricted" and meta.access_orgs == ("fidh",)
    assert meta.translation_group == "grp-1" and meta.organisation == "fidh" and meta.warnings == ()


def test_unusable_sidecar_values_become_warnings_not_errors():
    meta = parse_sidecar(
        "date: 12/03/2023\nlanguage: de\naccess: secret\ncolour: blue\ncountry: [Congo]\n", where="x.meta.yaml"
    )
    assert meta.date is None and meta.language is None and meta.access is None and meta.country == ()
    assert len(meta.warnings) == 5 and all(w.startswith("x.meta.yaml: ") for w in meta.warnings)


def test_malformed_sidecar_yaml_is_ignored_with_a_warning():
    meta = parse_sidecar("title: [unclosed\n", where="bad.meta.yaml")
    assert meta == Metadata(warnings=meta.warnings) and "malformed YAML" in meta.warnings[0]


def test_manifest_rows_split_lists_on_bars_and_skip_rows_without_a_file():
    text = "\ufefffile,title,crime_type,date\n./a/b.pdf,B,torture|genocide,2020-01-02\n,orphan,,\nc.pdf,,,\n"
    rows = parse_manifest(text)
    assert set(rows) == {"a/b.pdf", "c.pdf"}
    assert rows["a/b.pdf"].crime_type == ("torture", "genocide") and rows["a/b.pdf"].date == "2020-01-02"
    assert rows["c.pdf"] == Metadata()


def test_a_sidecar_overrides_the_manifest_key_by_key():
    merged = Metadata(title="From manifest", doc_type="report").overridden_by(Metadata(title="From sidecar"))
    assert merged.title == "From sidecar" and merged.doc_type == "report"


def _write(path, data=b"%PDF-1.4 x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folder_items_skip_hidden_and_metadata_files_and_use_the_nearest_manifest(tmp_path):
    _write(tmp_path / "top.pdf")
    _write(tmp_path / ".hidden.pdf")
    _write(tmp_path / "sub" / "inner.pdf")
    _write(tmp_path / "sub" / "inner.pdf.meta.yaml", b"title: Sidecar title\n")
    (tmp_path / "manifest.csv").write_text("file,title,doc_type\ntop.pdf,Top,report\nsub/inner.pdf,Outer,judgment\n")
    (tmp_path / "sub" / "manifest.csv").write_text("file,doc_type\ninner.pdf,decision\n")
    items = list(folder_items(tmp_path, organisation="fidh", locator_prefix="samples/corpus/fidh"))
    assert [i.locator for i in items] == ["samples/corpus/fidh/top.pdf", "samples/corpus/fidh/sub/inner.pdf"]
    top, inner = items
    assert (top.metadata.title, top.metadata.doc_type) == ("Top", "report")
    assert (inner.metadata.title, inner.metadata.doc_type) == ("Sidecar title", "decision")
    assert top.doc_id == document_id("fidh", "samples/corpus/fidh/top.pdf")


def test_command_line_files_belong_to_unknown_unless_a_sidecar_names_the_organisation(tmp_path):
    plain = _write(tmp_path / "plain.pdf")
    owned = _write(tmp_path / "owned.pdf")
    (tmp_path / "owned.pdf.meta.yaml").write_text("organisation: redress\n")
    items = {i.name: i for i in path_items([plain, tmp_path / "owned.pdf.meta.yaml", owned], organisation="unknown")}
    assert set(items) == {"plain.pdf", "owned.pdf"}
    assert items["plain.pdf"].effective_organisation == "unknown"
    assert items["plain.pdf"].locator == plain.resolve().as_posix()
    assert items["owned.pdf"].doc_id == document_id("redress", owned.resolve().as_posix())


def test_a_folder_on_the_command_line_keeps_absolute_locators(tmp_path):
    _write(tmp_path / "d" / "x.pdf")
    (item,) = path_items([tmp_path / "d"], organisation="unknown")
    assert item.locator == (tmp_path / "d" / "x.pdf").resolve().as_posix() and item.source_kind == "path"


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><language>fr-FR</language>
<item><title>Rapport annuel</title><link>https://example.org/page</link><pubDate>Tue, 14 Mar 2023 10:00:00 GMT</pubDate>
<category>torture</category><enclosure url="/files/r.pdf" type="application/pdf" length="10"/></item>
<item><title>Sans fichier</title><link>https://example.org/news.html</link></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
<title>F</title><id>urn:x</id><updated>2023-01-01T00:00:00Z</updated>
<entry><title>Informe</title><id>urn:1</id><updated>2022-05-06T00:00:00Z</updated>
<link rel="enclosure" type="application/pdf" href="https://example.org/i.pdf"/><category term="war-crimes"/></entry></feed>"""


def test_rss_entries_give_the_enclosure_and_their_metadata():
    entries = parse_feed(RSS, "https://example.org/feed.xml")
    assert [e.url for e in entries] == ["https://example.org/files/r.pdf", "https://example.org/news.html"]
    meta = entries[0].metadata
    assert (meta.title, meta.date, meta.language, meta.categories) == (
        "Rapport annuel",
        "2023-03-14",
        "fr",
        ("torture",),
    )


def test_atom_entries_take_the_language_of_the_feed():
    (entry,) = parse_feed(ATOM, "https://example.org/atom")
    assert entry.url == "https://example.org/i.pdf"
    assert (entry.metadata.language, entry.metadata.date, entry.metadata.categories) == (
        "es",
        "2022-05-06",
        ("war-crimes",),
    )


def test_json_feed_items_prefer_a_document_attachment():
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "language": "ru",
            "items": [
                {
                    "id": "1",
                    "url": "https://example.org/post",
                    "title": "Доклад",
                    "date_published": "2021-02-03T00:00:00Z",
                    "tags": ["torture"],
                    "attachments": [
                        {"url": "img.png", "mime_type": "image/png"},
                        {"url": "d.pdf", "mime_type": "application/pdf"},
                    ],
                }
            ],
        }
    ).encode()
    (entry,) = parse_feed(body, "https://example.org/feed.json")
    assert entry.url == "https://example.org/d.pdf"
    assert (entry.metadata.title, entry.metadata.language, entry.metadata.date) == ("Доклад", "ru", "2021-02-03")


def test_organisations_parse_names_defaults_and_sources():
    data = {
        "organisations": [
            {
                "slug": "fidh",
                "names": {"en": "FIDH", "fr": "FIDH fr"},
                "default_language": "fr",
                "sources": [
                    {"kind": "folder", "path": "samples/corpus/fidh"},
                    {"kind": "feed", "url": "http://127.0.0.1/f", "access": "members"},
                ],
            },
            {"slug": "trial", "names": {"en": "TRIAL"}},
        ]
    }
    fidh, trial = parse_organisations(data)
    assert fidh.name("fr") == "FIDH fr" and fidh.name("ar") == "FIDH" and fidh.default_language == "fr"
    assert [s.kind for s in fidh.sources] == ["folder", "feed"] and fidh.sources[1].access == "members"
    assert trial.access == "public" and trial.sources == ()
    assert set(organisations_by_slug([fidh, trial])) == {"unknown", "fidh", "trial"}


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"organisations": [{"slug": "a"}, {"slug": "a"}]},
        {"organisations": [{"slug": "a", "sources": [{"kind": "ftp"}]}]},
        {"organisations": [{"slug": "a", "sources": [{"kind": "feed"}]}]},
        {"organisations": [{"slug": "a", "access": "open"}]},
    ],
)
def test_malformed_organisations_are_refused_with_a_message(data):
    with pytest.raises(OrganisationsError):
        parse_organisations(data)


def test_the_shipped_sources_file_lists_the_eleven_organisations():
    from giai.organisations import load_organisations

    slugs = {o.slug for o in load_organisations()}
    assert {
        "fidh",
        "crd",
        "ecchr",
        "impunity-watch",
        "pga",
        "redress",
        "trial",
        "wigj",
        "cicc",
        "auschwitz-institute",
        "icj-jurists",
    } <= slugs


def test_the_metadata_digest_changes_with_the_sidecar_and_not_with_warnings(tmp_path):
    from dataclasses import replace

    path = _write(tmp_path / "a.pdf")
    (item,) = path_items([path], organisation="unknown")
    assert replace(item, metadata=Metadata(warnings=("w",))).metadata_digest == item.metadata_digest
    assert replace(item, metadata=Metadata(title="New")).metadata_digest != item.metadata_digest
    assert replace(item, access="members").metadata_digest != item.metadata_digest


def test_a_sidecar_may_not_file_a_document_under_another_organisation_than_its_sources():
    item = SourceItem(organisation="fidh", source_kind="folder", locator="a.pdf", name="a.pdf",
                      metadata=Metadata(organisation="trial"))
    refused = checked_organisation(item, {"fidh", "trial"}, owner="fidh")
    assert refused.effective_organisation == "fidh" and "belongs to 'fidh'" in refused.metadata.warnings[0]
    assert checked_organisation(item, {"fidh", "trial"}, owner=None).effective_organisation == "trial"
    assert checked_organisation(item, {"fidh", "trial"}, owner="trial").effective_organisation == "trial"


def test_a_sidecar_may_not_name_an_organisation_that_does_not_exist():
    item = SourceItem(organisation="unknown", source_kind="path", locator="/a.pdf", name="a.pdf",
                      metadata=Metadata(organisation="nobody"))
    refused = checked_organisation(item, {"fidh"}, owner=None)
    assert refused.effective_organisation == "unknown" and "no such organisation" in refused.metadata.warnings[0]
