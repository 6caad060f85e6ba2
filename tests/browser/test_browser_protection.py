"""In Chromium, on `giai serve`: a content note opened and closed (with and without JavaScript),
and a protected name read by a member of its organisation, marked, and pseudonymised for the public."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.live_portal import corpus_portal
from tests.browser.pages import sign_in
from tests.fixtures.protection import noted_document, protected_corpus

MEMBER = "member@trial.example"


@pytest.fixture(scope="module")
def protected_portal(settings, es, tmp_path_factory) -> Iterator[str]:
    with corpus_portal(settings, es, tmp_path_factory.mktemp("protection-portal"), [*protected_corpus(), noted_document()],
                       [(MEMBER, ["member"], ["trial"], [])]) as url:
        yield url


def check_content_note(page: Page, base: str) -> None:
    page.goto(f"{base}/en/search?q=cables")
    note = page.locator("details.content-note").first
    passage = note.locator("mark").first
    expect(note.locator("summary")).to_contain_text("Content note")
    expect(passage).to_be_hidden()
    note.locator("summary").click()
    expect(passage).to_be_visible()
    expect(passage).to_have_text(re.compile("cables", re.I))
    note.locator("summary").click()
    expect(passage).to_be_hidden()


def test_a_content_note_is_opened_and_closed(page, protected_portal, shoot):
    check_content_note(page, protected_portal)
    shoot(page, "closed")


def test_a_content_note_opens_without_javascript(page_without_js, protected_portal):
    check_content_note(page_without_js, protected_portal)


def test_the_reader_can_choose_to_see_the_text_at_once(page, protected_portal):
    page.goto(f"{protected_portal}/en/search?q=cables")
    page.get_by_label("Show the text at once").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/en/search\?q=cables"))
    expect(page.locator("details.content-note")).to_have_count(0)
    expect(page.locator(".snippets mark").first).to_be_visible()


def test_a_protected_name_is_pseudonymised_for_the_public_and_marked_for_a_member(page, browser, protected_portal, shoot):
    page.goto(f"{protected_portal}/fr/documents/prot-fr")
    text = page.locator("main").inner_text()
    assert "Amina" not in text and "Yusuf" not in text
    expect(page.locator("h1")).to_contain_text("[Témoin 1]")
    shoot(page, "public")

    member = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(member, protected_portal, MEMBER)
    member.goto(f"{protected_portal}/fr/documents/prot-fr")
    expect(member.locator("h1")).to_contain_text("Amina Yusuf")
    expect(member.locator("mark.protected-name").first).to_have_text("Amina Yusuf")
    expect(member.locator(".protected-note")).to_be_visible()
    member.goto(f"{protected_portal}/ru/search?q=Амина Юсуф")
    expect(member.locator(".hits h2").first).to_contain_text("Амин")
    shoot(member, "member")
    member.context.close()
