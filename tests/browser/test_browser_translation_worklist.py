"""The translators' worklist and claims in Chromium, against `giai serve` over a small corpus of
its own: a translator signs in, sorts the worklist by size, claims a document, moves it to "in
progress" and releases it — with JavaScript off, as every form must work without it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import BLOCKING, axe_violations, describe
from tests.browser.live_portal import corpus_portal
from tests.browser.pages import sign_in
from tests.fixtures.portal.corpus import doc, page

TRANSLATOR = "ru@example.org"
WORDS = "The chamber heard the witnesses and examined the evidence. "
CORPUS = [
    doc("long-en", "en", "A long judgment", date="2020-01-01", pages=[page(1, "en", WORDS * 40)], word_count=360),
    doc("short-en", "en", "A short brief", date="2023-01-01", pages=[page(1, "en", WORDS)], word_count=9),
    doc("middle-fr", "fr", "Un rapport moyen", date="2022-01-01", pages=[page(1, "fr", WORDS * 5)], word_count=45),
]


@pytest.fixture(scope="module")
def worklist_portal(settings, es, tmp_path_factory) -> Iterator[str]:
    with corpus_portal(settings, es, tmp_path_factory.mktemp("worklist-portal"), CORPUS,
                       [(TRANSLATOR, ["translator"], ["fidh"], ["ru"])]) as url:
        yield url


def titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("tr.missing td:first-child a:first-child").all_inner_texts()]


def test_a_translator_sorts_the_worklist_and_claims_works_and_releases_a_document(page_without_js, worklist_portal, shoot):
    page = page_without_js
    sign_in(page, worklist_portal, TRANSLATOR)
    page.goto(f"{worklist_portal}/en/translations/ru")
    page.get_by_label("Sort by").select_option("size")
    page.get_by_role("button", name="Apply").click()
    assert "sort=size" in page.url
    assert titles(page) == ["A short brief", "Un rapport moyen", "A long judgment"]
    assert page.locator("tr.missing td.words").all_inner_texts() == ["9", "45", "360"]

    row = page.locator("tr.missing", has_text="A short brief")
    row.get_by_role("button", name="Claim").click()
    row = page.locator("tr.missing", has_text="A short brief")
    expect(row.locator(".claim-state")).to_have_text("Claimed: ru@example.org")
    assert "sort=size" in page.url  # back on the same worklist page

    row.get_by_label("State").select_option("in_progress")
    row.get_by_role("button", name="Set state").click()
    row = page.locator("tr.missing", has_text="A short brief")
    expect(row.locator(".claim-state")).to_have_text("In progress: ru@example.org")
    shoot(page, "claimed")

    row.get_by_role("button", name="Release").click()
    row = page.locator("tr.missing", has_text="A short brief")
    expect(row.get_by_role("button", name="Claim")).to_be_visible()


def test_the_worklist_in_french_and_arabic(page, worklist_portal):
    sign_in(page, worklist_portal, TRANSLATOR)
    page.goto(f"{worklist_portal}/ar/translations/ru?sort=date")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert titles(page) == ["A short brief", "Un rapport moyen", "A long judgment"]
    page.goto(f"{worklist_portal}/fr/translations/ru")
    expect(page.get_by_role("button", name=re.compile("Réserver"))).to_have_count(3)


@pytest.mark.parametrize("path", ["/en/translations/ru", "/ar/translations/ru", "/en/documents/short-en/translate?target=ru"])
def test_axe_finds_no_serious_violation_on_the_translators_pages(page_for_axe, worklist_portal, shoot, path):
    page = page_for_axe
    sign_in(page, worklist_portal, TRANSLATOR)
    page.goto(worklist_portal + path)
    violations = axe_violations(page)
    shoot(page, path.strip("/").replace("/", "-").replace("?", "-"))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
