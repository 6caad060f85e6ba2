"""The results page's links built without url_for at each (DocumentLinks, page_links) are exactly
those url_for builds."""

import pytest
from flask import g, url_for

from giai.settings import load_settings
from portal import create_app
from portal.localised import DocumentLinks, page_links, search_url
from portal.search.params import SearchParams
from portal.search.query import DOCUMENT_PAGES_WINDOW, window_start
from tests.fixtures.portal.vocab import small_vocabularies

IDS = ["3f2a9c", "a b", "é/ü?#%&=+", "x'y!$()*,;:@~.-_"]


@pytest.fixture
def app(tmp_path):
    settings = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path, index="closed")
    return create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies(), "SECRET_KEY": "test"})


@pytest.mark.parametrize("q", [None, "", "torture", "crimes «contre» l'humanité & co/?#+%"])
@pytest.mark.parametrize("base_url", ["http://localhost/", "https://portal.example/giai/"])
def test_the_links_are_those_url_for_builds(app, q, base_url):
    with app.test_request_context("/fr/search", base_url=base_url):
        g.locale = "fr"
        links = DocumentLinks(q)
        for doc_id in IDS:
            assert links.printed(doc_id) == url_for("documents.document", doc_id=doc_id, _external=True)
            for page in (None, 1, DOCUMENT_PAGES_WINDOW, DOCUMENT_PAGES_WINDOW + 1, 95):
                start = window_start(page) if page and page > DOCUMENT_PAGES_WINDOW else None
                assert links(doc_id, page) == url_for("documents.document", doc_id=doc_id, q=q or None, start=start)


@pytest.mark.parametrize("params", [
    SearchParams(),
    SearchParams(q="crimes «contre» l'humanité & co/?#+%", filters={"country": ("UA", "CD")}, sort="oldest", group=False),
])
def test_the_pager_links_are_the_search_with_each_page(app, params):
    with app.test_request_context("/fr/search"):
        g.locale = "fr"
        link = page_links(params)
        assert [link(n) for n in (1, 2, 41)] == [search_url(params, page=n) for n in (1, 2, 41)]
