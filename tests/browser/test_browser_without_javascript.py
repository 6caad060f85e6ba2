"""With JavaScript disabled the portal still works: forms submit, filters apply by a button."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.pages import checked_values, hit_titles, query_args, total


def test_without_javascript_the_search_form_searches(page_without_js, portal_url):
    page = page_without_js
    page.goto(f"{portal_url}/en/")
    page.get_by_role("searchbox").fill("disparition")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/en/search\?q=disparition"))

    assert total(page) > 0
    assert hit_titles(page)
    expect(page.locator(".snippets li > span mark").first).to_be_visible()


def test_without_javascript_a_facet_is_applied_by_submitting_the_form(page_without_js, portal_url, shoot):
    page = page_without_js
    page.goto(f"{portal_url}/en/search?q=torture")
    everything = total(page)
    apply = page.get_by_role("button", name="Apply filters")
    expect(apply).to_be_visible()

    page.get_by_role("group", name="Country").get_by_label(re.compile("^Syria")).check()
    assert "country=" not in page.url, "nothing happens before the form is sent"
    apply.click()
    page.wait_for_url(re.compile(r"country=SY"))

    assert query_args(page)["q"] == ["torture"]
    assert checked_values(page, "country") == ["SY"]
    assert 0 < total(page) < everything
    shoot(page, "filtered")
