"""What researchers reach for, in a real Chromium over the sample corpus: a date range (without
JavaScript), language versions grouped into one hit, search inside a document, saving a search
for e-mail alerts, and the phone layout (results first, filters behind a button, without
JavaScript too)."""

from __future__ import annotations

import re
import subprocess

from playwright.sync_api import Page, expect

from benchmarks.live_portal import GIAI
from giai import PROJECT_ROOT
from tests.browser.pages import total

PHONE = {"width": 390, "height": 844}


def test_a_date_range_narrows_the_results_without_javascript(page_without_js: Page, portal_url, shoot):
    page = page_without_js
    page.goto(f"{portal_url}/en/search")
    everything = total(page)
    histogram = page.locator(".facets fieldset", has=page.locator("#date_from")).locator("svg.histogram")
    expect(histogram).to_be_visible()
    page.locator("#date_from").fill("2019-01-01")
    page.locator("#date_to").fill("2020-12-31")
    assert histogram.bounding_box()["y"] < page.locator("#date_from").bounding_box()["y"]
    page.get_by_role("button", name="Apply the dates").click()
    page.wait_for_url(re.compile(r"date_from=2019-01-01.*date_to=2020-12-31"))
    narrowed = total(page)
    assert 0 < narrowed < everything
    for when in page.locator(".hits .meta time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))"):
        assert "2019-01-01" <= when <= "2020-12-31"
    expect(page.locator("#date_from")).to_have_value("2019-01-01")
    shoot(page, "range")


def test_language_versions_are_one_hit_with_links_to_the_others(page: Page, portal_url, shoot):
    answer = page.request.get(f"{portal_url}/api/v1/search?q=victimes&locale=fr").json()
    grouped = next(h for h in answer["hits"] if len(h["versions"]) > 1)
    assert grouped["language"] == "fr"
    page.goto(f"{portal_url}/fr/search?q=victimes")
    hit = page.locator(".hits > li", has=page.locator(f'h2 a[href^="/fr/documents/{grouped["id"]}"]'))
    expect(hit).to_have_count(1)
    others = hit.locator(".versions a")
    expect(others).to_have_count(len(grouped["versions"]) - 1)
    spanish = hit.locator('.versions a[hreflang="es"]')
    expect(spanish).to_have_text("espagnol")
    shoot(page, "grouped")
    spanish.click()
    page.wait_for_url(re.compile(r"/fr/documents/"))
    expect(page.locator("h1")).to_have_attribute("lang", "es")
    page.goto(f"{portal_url}/fr/search?q=victimes&group=0")
    assert page.locator(".hits > li").count() > len(answer["hits"]) or total(page) > answer["total"]


def test_search_inside_a_document_lists_pages_with_snippets_and_keeps_next_previous(page_without_js: Page, portal_url,
                                                                                      shoot):
    page = page_without_js
    first = page.request.get(f"{portal_url}/api/v1/search?q=torture&language=en").json()["hits"][0]
    page.goto(f"{portal_url}/en/documents/{first['id']}")
    box = page.get_by_role("searchbox", name="Search inside this document")
    box.fill("torture")
    box.press("Enter")
    page.wait_for_url(re.compile(r"\?q=torture"))
    found = page.locator(".matches li")
    assert found.count() >= 2
    expect(found.first.locator("mark").first).to_have_text(re.compile("torture", re.IGNORECASE))
    second = found.nth(1).get_by_role("link")
    number = int(second.inner_text().removeprefix("p. "))
    second.click()
    page.wait_for_url(re.compile(rf"#page-{number}$"))
    expect(page.locator(f"#page-{number}").get_by_role("link", name=re.compile(r"^Previous hit"))).to_be_visible()
    shoot(page, "inside")


def add_reader(env: dict[str, str], email: str, password: str) -> None:
    for command, stdin in ((["db", "upgrade"], ""), (["users", "add", email, "--role", "member"], password + "\n")):
        done = subprocess.run([str(GIAI), *command], env=env, cwd=PROJECT_ROOT, input=stdin, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0 or "already" in done.stderr, done.stderr


def test_a_signed_in_reader_saves_a_search_for_weekly_e_mails(page: Page, live_portal, shoot):
    portal_url, env = live_portal
    password = "a long reader password"
    add_reader(env, "reader@example.org", password)
    page.goto(f"{portal_url}/en/search?q=torture&country=SD")
    page.get_by_role("link", name=re.compile("Sign in to save this search")).click()
    page.get_by_label("Email").fill("reader@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.wait_for_url(re.compile(r"/en/search\?q=torture&country=SD"))
    page.get_by_label("E-mail me new documents for this search").select_option("weekly")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url(re.compile(r"/en/alerts"))
    expect(page.get_by_role("status")).to_contain_text("reader@example.org")
    saved = page.locator(".saved li")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("weekly e-mail")
    expect(saved.get_by_role("link", name="torture")).to_have_attribute("href", re.compile(r"q=torture.*country=SD"))
    shoot(page, "saved")


def test_on_a_phone_the_results_come_first_and_the_filters_open_from_a_button(browser, portal_url, shoot):
    for javascript in (True, False):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{portal_url}/en/search?q=torture")
        facets = page.locator(".facets")
        expect(facets).to_be_hidden()
        # The results start on the first screen, where the filters stood before them on main.
        assert page.locator("#results-h").bounding_box()["y"] < PHONE["height"]
        expect(page.locator(".hits > li").first).to_be_visible()
        button = page.get_by_role("link", name="Filters")
        button.click()
        expect(facets).to_be_visible()
        if not javascript:
            shoot(page, "phone-filters")
        page.locator('.facets input[name="language"]').first.check()
        if not javascript:
            facets.get_by_role("button", name="Apply filters").first.click()
        page.wait_for_url(re.compile(r"language="))
        expect(page.locator(".chips")).to_be_visible()
        context.close()
