"""Accessibility: axe-core (from npm) finds no serious or critical WCAG 2.2 AA violation on the
main pages, and the keyboard reaches the search box, the facets and the results with a visible
focus style."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.axe import BLOCKING, axe_violations, describe

MAX_TABS = 150


def first_document_url(page: Page, portal_url: str) -> str:
    page.goto(f"{portal_url}/en/search?q=torture")
    return page.locator(".snippets a").first.get_attribute("href")


@pytest.mark.parametrize("name, url", [
    ("home", "/en/"),
    ("results", "/en/search?q=torture&crime_type=torture"),
    ("document", None),
    ("arabic-results", "/ar/search?q=التعذيب"),
])
def test_axe_finds_no_serious_or_critical_wcag_22_aa_violation(page_for_axe, portal_url, shoot, name, url):
    page = page_for_axe
    page.goto(portal_url + (url or first_document_url(page, portal_url)))
    violations = axe_violations(page)
    shoot(page, name)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    if violations:
        print(f"axe on {page.url}:\n{describe(violations)}")
    assert not blocking, f"axe on {page.url}:\n{describe(violations)}"


FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
    inResults: !!el.closest('.hits'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    focusVisible: el.matches(':focus-visible'),
  };
}"""


def test_tab_reaches_search_box_facets_and_results_with_a_visible_focus(page, portal_url, shoot):
    page.goto(f"{portal_url}/en/search?q=torture")
    wanted = {"search box": lambda f: f["id"] == "q",
              "facet": lambda f: f["type"] == "checkbox" and f["name"] == "crime_type",
              "result": lambda f: f["tag"] == "a" and f["inResults"]}
    reached: dict[str, dict] = {}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_JS)
        for what, matches in wanted.items():
            if what not in reached and matches(focused):
                reached[what] = focused
                if what == "facet":
                    shoot(page, "facet-focused")
        if len(reached) == len(wanted):
            break
    assert set(reached) == set(wanted), f"Tab never reached {set(wanted) - set(reached)} in {MAX_TABS} presses"
    for what, focused in reached.items():
        assert focused["focusVisible"] and focused["outline"], f"the focused {what} shows no focus outline: {focused}"
    assert list(reached) == list(wanted), "the search box comes first, then the facets, then the results"


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, portal_url):
    page.goto(f"{portal_url}/en/search?q=torture")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert re.search("Skip to content", skip.inner_text())
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
