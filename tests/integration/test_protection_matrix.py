"""Protected names through every read path, in the five languages and the three scripts, on the
real Elasticsearch and both databases (the access matrix's style).

Organisation A protects a witness written in Latin, Cyrillic and Arabic script, and one document
also protects a victim. Five public documents of A (one per language, one translation group) name
them in running text (Russian case endings, Arabic attached prefixes), in titles and summaries.
Viewers outside A (anonymous, a member and a curator of B) must meet no spelling of either name
anywhere: results, counts, snippets, text, suggestions, exports, the feed, the API, every other
route, nor find a document by searching for a name. Members of A and admins read the names, marked.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from commands import users as cli_users
from giai.es import url_with_credentials
from giai.raw_store import raw_path
from giai.textnorm import normalise
from tests.fixtures.auth import add_account, portal_app, sign_in
from tests.fixtures.portal.corpus import doc
from tests.fixtures.protection import INSIDERS, ORG_A, OUTSIDERS, QUARRY, SECRETS, TEXTS, VIEWERS, file_bytes, protected_corpus


def leaks(body: str) -> set[str]:
    folded = normalise(body)
    return {s for s in SECRETS if normalise(s) in folded}


@pytest.fixture
def clients(settings, es, alias, database, database_url, tmp_path, vocabularies):
    from tests.fixtures.portal.corpus import index_corpus

    index_corpus(es, alias, protected_corpus())
    app = portal_app(settings, alias, database_url, tmp_path, vocabularies)
    for lang in TEXTS:
        content = file_bytes(f"prot-{lang}")
        path = raw_path(app.extensions["giai"].settings, hashlib.sha256(content).hexdigest())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    signed = {}
    for viewer, account in VIEWERS.items():
        signed[viewer] = app.test_client()
        if account:
            email = add_account(database, f"{viewer.replace(' ', '-')}@example.org", *account)
            assert sign_in(signed[viewer], email).status_code == 302
    return signed


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def text_of(response) -> str:
    """The body as a reader meets it: JSON with its escapes of non-ASCII letters undone."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def test_the_protect_step_leaves_no_spelling_in_any_public_field():
    for source in protected_corpus():
        public = {k: v for k, v in source.items() if k not in ("protected_text", "protected_names", "protection")}
        assert leaks(str(public)) == set(), source["id"]
        assert source["protection"]["names"], source["id"]


def test_a_search_for_a_protected_name_finds_nothing_outside_the_organisation(clients):
    for viewer, client in clients.items():
        for spelling in ("Amina Yusuf", "Амина Юсуф", "أمينة يوسف", "Yusuf", "Zorkan Velid", '"Amina Yusuf"'):
            answer = get(client, f"/api/v1/search?q={spelling}").get_json()
            if viewer in OUTSIDERS:
                assert answer["total"] == 0, (viewer, spelling)
                assert all(b["count"] == 0 for facet in answer["facets"].values() for b in facet), (viewer, spelling)
                assert leaks(str(answer.get("suggestion") or "")) == set(), (viewer, spelling)
            elif "Zorkan" not in spelling:
                assert answer["total"] >= 1, (viewer, spelling)


def test_results_snippets_and_titles_carry_pseudonyms_outside_and_marked_names_inside(clients):
    for viewer, client in clients.items():
        for lang, word in QUARRY.items():
            for url in (f"/api/v1/search?q={word}&locale={lang}", f"/{lang}/search?q={word}"):
                body = text_of(get(client, url))
                if viewer in OUTSIDERS:
                    assert leaks(body) == set(), (viewer, url, leaks(body))
                    assert "[" in body
                else:
                    assert leaks(body), (viewer, url)
                    assert "protected-name" in body, (viewer, url)


def test_pseudonyms_are_in_the_readers_language(clients):
    titles = {h["id"]: h["title"] for h in get(clients["anonymous"], "/api/v1/search?q=prot OR quarry OR carrière OR карьер OR cantera OR المحجر&locale=fr").get_json()["hits"]}
    assert titles and all("[Témoin 1]" in title for title in titles.values()), titles


def test_document_pages_and_the_api_document_never_show_a_name_outside(clients):
    for viewer, client in clients.items():
        for lang in TEXTS:
            for url in (f"/{lang}/documents/prot-{lang}", f"/{lang}/documents/prot-{lang}?q={QUARRY[lang]}",
                        f"/api/v1/documents/prot-{lang}"):
                body = text_of(get(client, url))
                assert (leaks(body) == set()) == (viewer in OUTSIDERS), (viewer, url, leaks(body))


def test_exports_and_feeds_never_show_a_name_outside(clients):
    for viewer in OUTSIDERS:
        client = clients[viewer]
        for lang, word in QUARRY.items():
            rows = list(csv.reader(io.StringIO(get(client, f"/api/v1/export.csv?q={word}").get_data(as_text=True))))
            assert len(rows) > 1 and leaks(str(rows)) == set(), (viewer, lang)
            feed = get(client, f"/{lang}/search.atom?q={word}").get_data(as_text=True)
            ET.fromstring(feed)
            assert "<entry>" in feed and leaks(feed) == set(), (viewer, lang)


def test_the_original_file_goes_to_members_only_until_a_curator_marks_it_safe(clients, es, alias):
    for viewer, client in clients.items():
        response = client.get("/files/prot-en")
        assert response.status_code == (403 if viewer in OUTSIDERS else 200), viewer
        assert leaks(text_of(response)) == set() or viewer in INSIDERS
    es.update(index=alias, id="prot-en", doc={"protection": {"safe": True}}, refresh="wait_for")
    assert clients["anonymous"].get("/files/prot-en").status_code == 200


def test_every_other_read_path_shows_no_protected_name_outside(clients):
    app = clients["anonymous"].application
    urls = app.url_map.bind("localhost")
    checked = {"files.original"}
    # routes that read no document, and the values of a route's other arguments
    not_document_reads = {"/", "/search", "/login", "/<locale:locale>/login", "/<locale:locale>/account",
                          "/<locale:locale>/admin/users", "/api/v1/openapi.json", "/static/<path:filename>"}
    route_values = {"locale": "en", "other_id": "prot-en", "language": "fr", "token": "none"}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule in not_document_reads or rule.endpoint in checked:
            continue
        # the reference-manager exports, of a result set and of one document, in every format
        formats = ("ris", "bib", "csl.json") if "fmt" in rule.arguments else (None,)
        for viewer, lang, fmt in itertools.product(OUTSIDERS, TEXTS, formats):
            url = urls.build(rule.endpoint, route_values | {"doc_id": f"prot-{lang}", "locale": lang, "fmt": fmt})
            body = text_of(clients[viewer].get(url))
            assert leaks(body) == set(), (rule.rule, viewer, lang, leaks(body))


def test_giai_protect_adds_a_name_from_the_command_line(settings, es, alias, database, database_url):
    from tests.fixtures.portal.corpus import index_corpus

    index_corpus(es, alias, [doc("cli-doc", "en", "Note on Petra Lindqvist", organisation=ORG_A,
                                 pages=[{"number": 1, "language": "en", "text": "The witness Petra Lindqvist testified.",
                                         "text_en": "The witness Petra Lindqvist testified."}])])
    env = {"GIAI_ES_URL": url_with_credentials(settings), "GIAI_INDEX": alias, "GIAI_DATABASE_URL": database_url}
    result = CliRunner().invoke(cli_users.protect, ["Petra Lindqvist", "--org", ORG_A, "--document", "cli-doc",
                                                    "--role", "witness"], env=env)
    assert result.exit_code == 0, result.output
    assert "1 document(s) changed" in result.output
    source = es.get(index=alias, id="cli-doc").body["_source"]
    assert source["title"] == "Note on [Witness 1]"
    assert "Petra" not in source["pages"][0]["text"]
    refused = CliRunner().invoke(cli_users.protect, ["X Y", "--org", ORG_A, "--document", "no-such"], env=env)
    assert refused.exit_code != 0 and "no document no-such" in refused.output
