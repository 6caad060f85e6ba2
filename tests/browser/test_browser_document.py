"""A document opened from a search: at the snippet's page, with next/previous-hit navigation."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.pages import fragment, in_viewport, path


def open_snippet_on_a_later_page(page: Page, portal_url: str, words: str) -> int:
    """From the results of `words`, follow the first snippet link to a page after the first;
    returns that page number."""
    page.goto(f"{portal_url}/en/search?q={words}")
    link = page.locator(".snippets a", has_text=re.compile(r"^p\. ([2-9]|\d\d+)$")).first
    number = int(link.inner_text().removeprefix("p. "))
    link.click()
    page.wait_for_url(re.compile(rf"/en/documents/.+#page-{number}$"))
    return number


def test_a_snippet_opens_the_document_at_its_page(page, portal_url, shoot):
    number = open_snippet_on_a_later_page(page, portal_url, "torture")

    assert path(page).startswith("/en/documents/")
    assert fragment(page) == f"page-{number}"
    section = page.locator(f"#page-{number}")
    expect(section.get_by_role("heading")).to_have_text(f"Page {number}")
    expect(section.locator("mark").first).to_have_text(re.compile("torture", re.IGNORECASE))
    assert in_viewport(page, f"#page-{number}")
    shoot(page, "at-page")


def test_next_and_previous_hit_move_between_matching_pages(page, portal_url):
    number = open_snippet_on_a_later_page(page, portal_url, "torture")
    found = page.get_by_role("navigation", name=re.compile("in this document"))
    matched = [int(n.removeprefix("p. ")) for n in found.get_by_role("link").all_inner_texts()]
    assert number in matched and len(matched) >= 2
    earlier = max(n for n in matched if n < number)

    page.locator(f"#page-{number}").get_by_role("link", name=f"Previous hit (p. {earlier})").click()
    page.wait_for_url(re.compile(rf"#page-{earlier}$"))
    assert in_viewport(page, f"#page-{earlier}")

    page.locator(f"#page-{earlier}").get_by_role("link", name=re.compile(r"^Next hit")).click()
    later = min(n for n in matched if n > earlier)
    page.wait_for_url(re.compile(rf"#page-{later}$"))
    assert in_viewport(page, f"#page-{later}")


def test_an_english_document_keeps_its_direction_in_the_arabic_interface(page, portal_url, shoot):
    english = page.request.get(f"{portal_url}/api/v1/search?q=torture&language=en").json()["hits"][0]
    page.goto(f"{portal_url}/ar/documents/{english['id']}?q=torture")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for text in ("h1", ".summary", ".pagetext"):
        assert page.locator(text).first.evaluate("el => getComputedStyle(el).direction") == "ltr", text
    shoot(page, "arabic-interface")
