"""Searching in a real browser (JavaScript on): results with page-numbered snippets, multi-select
facets, chips, sort, pagination and the language switch."""

from __future__ import annotations

import re

from babel.support import Translations
from playwright.sync_api import Page, expect

from giai import PROJECT_ROOT
from portal.vocabulary import load_vocabularies
from tests.browser.pages import (
    checked_values,
    facet_counts,
    hit_dates,
    hit_titles,
    path,
    query_args,
    total,
    visible_facet_values,
)

PAGE_SIZE = 20


def search(page: Page, portal_url: str, words: str, locale: str = "en") -> None:
    """Type `words` in the home page's search box and press Enter, as a user does."""
    page.goto(f"{portal_url}/{locale}/")
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(rf"/{locale}/search\?"))


def test_a_search_shows_results_with_page_numbered_snippets(page, portal_url, shoot):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    search(page, portal_url, "torture")
    assert query_args(page)["q"] == ["torture"]
    assert len(hit_titles(page)) == min(total(page), PAGE_SIZE) > 0
    first = page.locator(".hits > li").first
    snippet = first.locator(".snippets li").first
    page_link = snippet.get_by_role("link")
    number = re.fullmatch(r"p\. (\d+)", page_link.inner_text()).group(1)
    assert page_link.get_attribute("href").endswith(f"#page-{number}")
    expect(snippet.locator("mark").first).to_have_text(re.compile("torture", re.IGNORECASE))
    shoot(page, "results")
    assert errors == [], "the page logged errors (a Content-Security-Policy violation shows here too)"


def test_ticking_a_crime_type_narrows_the_other_facets_and_keeps_its_own_values(page, portal_url, shoot):
    page.goto(f"{portal_url}/en/search")
    before = {facet: facet_counts(page, facet) for facet in ("crime_type", "country", "organisation")}
    shown_before = visible_facet_values(page, "crime_type")
    everything = total(page)

    page.get_by_role("group", name="Crime type").get_by_label(re.compile("^Torture")).check()
    page.wait_for_url(re.compile(r"crime_type=torture"))

    assert checked_values(page, "crime_type") == ["torture"]
    assert total(page) == before["crime_type"]["torture"] < everything
    assert facet_counts(page, "crime_type") == before["crime_type"], "the ticked facet keeps every value and count"
    assert visible_facet_values(page, "crime_type") == shown_before
    assert facet_counts(page, "country") != before["country"]
    assert facet_counts(page, "organisation") != before["organisation"]
    assert sum(facet_counts(page, "organisation").values()) == total(page)
    shoot(page, "torture-ticked")

    page.get_by_role("group", name="Crime type").get_by_label(re.compile("^Genocide")).check()
    page.wait_for_url(re.compile(r"crime_type=torture&crime_type=genocide"))
    assert sorted(checked_values(page, "crime_type")) == ["genocide", "torture"]
    assert total(page) >= before["crime_type"]["torture"], "values of one facet combine with OR"


def test_removing_a_chip_drops_its_filter(page, portal_url):
    page.goto(f"{portal_url}/en/search?crime_type=torture&country=SY")
    chips = page.get_by_role("list", name="Active filters")
    expect(chips.get_by_role("link", name=re.compile("^Remove filter"))).to_have_count(2)
    narrowed = total(page)

    chips.get_by_role("link", name="Remove filter Country: Syria").click()
    page.wait_for_url(lambda url: "country=" not in url)

    assert query_args(page) == {"crime_type": ["torture"]}
    assert checked_values(page, "country") == []
    assert total(page) > narrowed
    expect(page.get_by_role("list", name="Active filters").get_by_role("link", name=re.compile("^Remove filter"))
           ).to_have_count(1)


def test_choosing_oldest_first_orders_the_results_by_date(page, portal_url):
    search(page, portal_url, "torture")
    page.get_by_label("Sort by").select_option(label="Oldest first")
    page.wait_for_url(re.compile(r"sort=oldest"))

    dates = hit_dates(page)
    assert len(dates) > 5
    assert dates == sorted(dates)
    assert query_args(page)["q"] == ["torture"]
    expect(page.get_by_label("Sort by")).to_have_value("oldest")


def test_the_pager_leads_to_the_next_page_of_results(page, portal_url):
    page.goto(f"{portal_url}/en/search")
    first_page = hit_titles(page)
    pager = page.get_by_role("navigation", name="Result pages")
    expect(pager.locator('[aria-current="page"]')).to_have_text("1")

    pager.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))

    second_page = hit_titles(page)
    assert second_page and not set(second_page) & set(first_page)
    expect(page.locator("ol.hits")).to_have_attribute("start", str(PAGE_SIZE + 1))
    expect(page.get_by_role("navigation", name="Result pages").locator('[aria-current="page"]')).to_have_text("2")


def test_switching_to_arabic_keeps_the_search_and_turns_the_page_right_to_left(page, portal_url, shoot):
    page.goto(f"{portal_url}/en/search?q=torture&crime_type=torture")
    english_total = total(page)

    page.get_by_role("navigation", name="Language").get_by_role("link", name="العربية").click()
    page.wait_for_url(re.compile(r"/ar/search\?"))

    assert path(page) == "/ar/search"
    assert query_args(page) == {"q": ["torture"], "crime_type": ["torture"]}
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    arabic = Translations.load(str(PROJECT_ROOT / "translations"), ["ar"])
    crime_type = arabic.gettext("Crime type")
    assert crime_type != "Crime type"
    expect(page.locator(".facets legend").first).to_have_text(crime_type)
    torture = load_vocabularies().label("crime_type", "torture", "ar")
    assert re.search(r"[\u0600-\u06ff]", torture)
    expect(page.locator('.facets input[value="torture"] + label')).to_contain_text(torture)
    expect(page.get_by_role("searchbox")).to_have_value("torture")
    assert checked_values(page, "crime_type") == ["torture"]
    assert total(page) == english_total
    # Mirrored: the filters sit on the right of the results.
    facets, results = page.locator(".facets").bounding_box(), page.locator(".results").bounding_box()
    assert facets["x"] > results["x"]
    shoot(page, "arabic")


DIRECTION_JS = "el => getComputedStyle(el).direction"


def test_titles_and_snippets_keep_their_own_direction_in_the_other_script(page, portal_url):
    """An English snippet in the Arabic interface stays left-to-right (its full stop at its end),
    and an Arabic one in the English interface right-to-left."""
    for locale, words, language, direction in (("ar", "torture", "en", "ltr"), ("en", "التعذيب", "ar", "rtl")):
        page.goto(f"{portal_url}/{locale}/search?q={words}")
        hit = page.locator(".hits > li", has=page.locator(f'h2 a[lang="{language}"]')).first
        assert hit.locator("h2 a").evaluate(DIRECTION_JS) == direction, f"title in {language} in /{locale}/"
        assert hit.locator(".snippets li span[dir=auto]").first.evaluate(DIRECTION_JS) == direction, \
            f"snippet in {language} in /{locale}/"


def test_a_facet_lists_its_most_frequent_values_and_keeps_a_ticked_rare_one(page, portal_url):
    answer = page.request.get(f"{portal_url}/api/v1/search").json()
    countries = [b["value"] for b in answer["facets"]["country"]]
    assert len(countries) > 31, "the sample corpus names more countries than the list shows"
    rare = countries[-1]

    page.goto(f"{portal_url}/en/search?country={rare}")

    listed = list(facet_counts(page, "country"))
    assert listed[:30] == countries[:30]
    assert listed[30:] == [rare]
    assert checked_values(page, "country") == [rare]
