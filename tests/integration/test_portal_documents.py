"""Document pages, the API record and original files, against the real Elasticsearch."""

from hashlib import sha256

import pytest

from tests.fixtures.auth import portal_app, signed_in
from tests.fixtures.portal.corpus import FILES, HIDDEN_IDS, PDF_BYTES


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_document_page_shows_localised_metadata(client):
    html = page(client, "/fr/documents/congo-fr")
    assert ">Disparitions forcées en République démocratique du Congo</h1>" in html
    assert "Congo-Kinshasa" in html and "Disparition forcée" in html
    assert '<time datetime="2020-03-15">15 mars 2020</time>' in html


def test_the_query_is_highlighted_in_the_text_of_its_page(client):
    html = page(client, "/en/documents/congo-fr?q=disparitions")
    section = html.split('id="page-2"', 1)[1].split("</section>", 1)[0]
    assert "<mark>disparitions</mark>" in section


def test_pages_with_hits_are_listed_and_link_across_windows(client):
    html = page(client, "/en/documents/long-judgment?q=command%20responsibility")
    assert '<a href="#page-3">p. 3</a>' in html
    assert "/en/documents/long-judgment?q=command+responsibility&amp;start=21#page-30" in html
    assert "Next hit (p. 30)" in html
    assert 'id="page-21"' not in html


def test_the_next_window_of_pages_holds_the_later_hit(client):
    html = page(client, "/en/documents/long-judgment?q=command%20responsibility&start=30")
    assert 'id="page-21"' in html and 'id="page-30"' in html and 'id="page-41"' not in html
    assert "Command <mark>responsibility</mark>" in html or "<mark>Command</mark>" in html
    assert "Previous hit (p. 3)" in html


def test_the_document_offers_its_translations(client):
    html = page(client, "/en/documents/congo-fr")
    assert 'href="/en/documents/congo-en" hreflang="en"' in html


def test_related_documents_exclude_the_document_and_its_translations(client):
    html = page(client, "/en/documents/congo-fr")
    related = html.split('id="related-h"', 1)[1]
    assert "/en/documents/undated" in related
    assert "/en/documents/congo-en" not in related and "/en/documents/congo-fr" not in related


def test_hidden_documents_are_never_related(client):
    html = page(client, "/en/documents/ukraine-ru")
    assert not any(f"/documents/{hidden}" in html for hidden in HIDDEN_IDS)


def test_markup_in_titles_and_text_is_escaped(client):
    html = page(client, "/en/documents/markup?q=torture")
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;b&gt;<mark>torture</mark>&lt;/b&gt;" in html or "&lt;b&gt;<mark>torture</mark>&lt;&#x2F;b&gt;" in html


def test_the_citation_names_organisation_title_date_and_address(client):
    html = page(client, "/en/documents/congo-en")
    assert ("International Federation for Human Rights (FIDH), “<bdi lang=\"en\">Enforced disappearances in the Democratic "
            "Republic of the Congo</bdi>”, March 15, 2020, http://localhost/en/documents/congo-en") in html


def test_a_pdf_opens_inline_at_the_first_hit(client):
    html = page(client, "/en/documents/congo-fr?q=disparitions")
    assert 'href="/files/congo-fr#page=2"' in html
    response = client.get("/files/congo-fr")
    assert response.status_code == 200 and response.data == PDF_BYTES
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("inline")


def test_the_original_can_be_downloaded(client):
    response = client.get("/files/congo-fr?download=1")
    assert response.headers["Content-Disposition"].startswith("attachment") and response.data == FILES["congo-fr"]


def test_a_public_original_is_revalidated_at_every_use_by_its_content_digest(client):
    response = client.get("/files/congo-fr")
    assert directives(response) == {"public", "no-cache"} and "Expires" not in response.headers
    assert response.headers["ETag"] == f'"{sha256(PDF_BYTES).hexdigest()}"'
    assert client.get("/files/congo-fr", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


@pytest.fixture
def member(portal_settings, database, database_url, vocabularies, settings, tmp_path):
    app = portal_app(settings, portal_settings.index, database_url, tmp_path, vocabularies)
    return signed_in(app, database, "member@fidh.example", ["member"], ["fidh"])


def directives(response) -> set[str]:
    return {part.strip() for part in response.headers["Cache-Control"].split(",")}


def test_a_members_original_is_never_stored_by_any_cache(member):
    response = member.get("/files/members-only")
    assert response.status_code == 200 and response.data == FILES["members-only"]
    assert directives(response) == {"private", "no-store"}


def test_a_signed_in_readers_copy_of_a_public_original_stays_in_their_browser_revalidated(member):
    assert directives(member.get("/files/congo-fr")) == {"private", "no-cache"}


def test_an_html_original_is_only_ever_downloaded_and_sandboxed(client):
    response = client.get("/files/congo-en")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("doc_id", sorted(HIDDEN_IDS))
@pytest.mark.parametrize("url", ["/en/documents/{}", "/api/v1/documents/{}", "/files/{}"])
def test_a_non_public_document_answers_404_everywhere(client, doc_id, url):
    assert client.get(url.format(doc_id)).status_code == 404


def test_an_unknown_document_is_404(client):
    assert client.get("/en/documents/nope").status_code == 404
    assert client.get("/api/v1/documents/nope").get_json()["error"]["code"] == "not_found"


def test_the_api_record_lists_translations_and_the_file(client):
    record = client.get("/api/v1/documents/congo-fr?locale=fr").get_json()
    assert record["translations"] == [{"id": "congo-en", "language": "en", "title": "Enforced disappearances in the Democratic Republic of the Congo"}]
    assert record["file_url"] == "http://localhost/files/congo-fr"
    assert record["facets"]["country"] == [{"value": "CD", "label": "Congo-Kinshasa"}]


def test_a_bad_window_start_is_a_400(client):
    assert client.get("/en/documents/congo-fr?start=0").status_code == 400
    assert client.get("/en/documents/congo-fr?q=" + "x" * 5000).status_code == 400


def test_running_headers_are_shown_once_and_found_by_search_but_match_no_page(client):
    html = page(client, "/en/documents/long-judgment?q=quetzalheader")
    assert html.count("REDRESS · Judgment summary · quetzalheader draft") == 1
    assert "Running headers and footers" in html
    assert "The search text is not in the pages of this document." in html
    assert "/en/documents/long-judgment" in page(client, "/en/search?q=quetzalheader")


def test_a_printed_page_number_is_shown_beside_the_files(client):
    html = page(client, "/fr/documents/long-judgment?q=chamber")
    assert "Page i (page 1 du fichier)" in html and "Page 3</h3>" in html
    assert "p. ii (page 2 du fichier)" in html
