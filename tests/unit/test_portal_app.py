"""The app without Elasticsearch: locales, validation errors, headers, the OpenAPI document.

The app points at a closed port, so whatever needs the index answers 503 and everything else
(validation, redirects, headers) is shown to happen before any search."""

import re

import pytest

from giai.settings import load_settings
from portal import create_app
from portal.security import CONTENT_SECURITY_POLICY
from tests.fixtures.portal.vocab import small_vocabularies


@pytest.fixture
def client(tmp_path):
    settings = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path, index="closed")
    app = create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies(), "SECRET_KEY": "test"})
    return app.test_client()


def test_the_root_redirects_to_the_browsers_language(client):
    response = client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/ru/")


def test_the_root_prefers_the_remembered_language(client):
    client.set_cookie("giai_locale", "ar")
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"].endswith("/ar/")


def test_an_unsupported_browser_language_falls_back_to_english(client):
    assert client.get("/", headers={"Accept-Language": "de"}).headers["Location"].endswith("/en/")


def test_a_search_without_locale_is_redirected_with_its_arguments(client):
    location = client.get("/search?q=torture&country=UA", headers={"Accept-Language": "es"}).headers["Location"]
    assert location.startswith("/es/search?") and "q=torture" in location and "country=UA" in location


def test_an_unknown_locale_is_not_found(client):
    assert client.get("/de/search?q=x").status_code == 404


def test_a_page_remembers_its_locale_in_a_cookie(client):
    response = client.get("/fr/search?page=0")
    assert "giai_locale=fr" in response.headers.get("Set-Cookie", "")


def test_a_bad_page_number_is_a_localised_400_page(client):
    response = client.get("/fr/search?page=0")
    assert response.status_code == 400
    assert "La page 0 n’existe pas" in response.get_data(as_text=True)


def test_an_unknown_facet_value_is_a_json_400_naming_it(client):
    response = client.get("/api/v1/search?crime_type=piracy")
    error = response.get_json()["error"]
    assert response.status_code == 400
    assert error["code"] == "invalid_parameters"
    assert error["details"][0]["param"] == "crime_type" and "piracy" in error["details"][0]["message"]


@pytest.mark.parametrize("query", ["page=0", "page=1000000", "q=" + "x" * 10_000, "sort=random", "cursor=%%%", "year=abc"])
def test_bad_api_parameters_are_400_json_never_500(client, query):
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 400 and response.is_json


def test_api_errors_follow_the_locale_parameter(client):
    message = client.get("/api/v1/search?page=0&locale=es").get_json()["error"]["message"]
    assert message.startswith("La página 0 no existe")


def test_an_unreachable_elasticsearch_is_a_localised_503_page(client):
    response = client.get("/ar/search?q=x")
    assert response.status_code == 503
    assert "خدمة البحث غير متاحة" in response.get_data(as_text=True)


def test_an_unreachable_elasticsearch_is_a_json_503(client):
    response = client.get("/api/v1/search?q=x")
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "search_unavailable"


def test_pages_carry_the_security_headers(client):
    headers = client.get("/en/search?page=0").headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "default-src 'self'" in CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_arabic_pages_are_right_to_left(client):
    html = client.get("/ar/search?page=0").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.parametrize("locale", ["en", "fr", "ru", "es"])
def test_other_pages_are_left_to_right(client, locale):
    assert f'<html lang="{locale}" dir="ltr">' in client.get(f"/{locale}/search?page=0").get_data(as_text=True)


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/en/search?page=0").get_data(as_text=True)
    assert "<script>" not in html and "style=" not in html and "<style" not in html
    assert re.search(r'<script src="/static/site\.js\?v=[0-9a-f]{12}" defer></script>', html)


def test_the_language_switch_keeps_the_search(client):
    html = client.get("/en/search?q=x&page=0").get_data(as_text=True)
    assert 'href="/fr/search?q=x&amp;page=0"' in html


def test_a_document_id_of_the_wrong_shape_is_not_found(client):
    assert client.get("/en/documents/..%2Fetc").status_code == 404
    assert client.get("/api/v1/documents/a.b").status_code == 404


def test_a_404_under_the_api_is_json(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_forms_that_change_something_need_a_csrf_token(tmp_path):
    settings = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path)
    app = create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies(), "SECRET_KEY": "test"})
    app.add_url_rule("/probe", "probe", lambda: "changed", methods=["POST"])
    assert app.test_client().post("/probe", data={"x": "1"}).status_code == 400


def test_the_openapi_document_describes_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/search", "/api/v1/documents/{id}", "/api/v1/facets", "/api/v1/export.csv"} <= set(spec["paths"])
    names = {p.get("name") for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "crime_type", "country", "gender", "organisation", "doc_type", "body", "language", "year", "sort", "page", "cursor"} <= names


def test_the_static_files_are_small(client):
    css = client.get("/static/site.css")
    js = client.get("/static/site.js")
    assert css.status_code == js.status_code == 200
    assert len(css.data) < 8_000 and len(js.data) < 2_000


def test_an_empty_secret_key_setting_generates_one_kept_in_the_data_directory(tmp_path):
    settings = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path, portal_secret_key="")
    first = create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies()}).secret_key
    second = create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies()}).secret_key
    key_file = tmp_path / "portal-secret-key"
    assert first == second == key_file.read_text().strip() and len(first) >= 32
    assert key_file.stat().st_mode & 0o077 == 0


def test_a_configured_secret_key_is_used_as_is(tmp_path):
    settings = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path, portal_secret_key="configured-key")
    assert create_app({"SETTINGS": settings, "VOCABULARIES": small_vocabularies()}).secret_key == "configured-key"
    assert not (tmp_path / "portal-secret-key").exists()
