"""What the browser tests read off the portal's pages (facet counts, hits, snippets, chips), and
signing in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page

from tests.fixtures.auth import PASSWORD

# Each facet checkbox as [name, value, count text, visible?]; the count is locale-formatted.
FACET_ROWS_JS = """els => els.map(el => {
  const count = el.closest('li').querySelector('.count');
  return [el.value, count ? count.textContent : '', el.checkVisibility()];
})"""


def as_int(text: str) -> int:
    """A count as the page writes it ("1,234", "1 234", "١٢") read as an int."""
    digits = "".join(str(int(ch)) for ch in text if ch.isdigit())
    return int(digits)


def facet_counts(page: Page, facet: str) -> dict[str, int]:
    """Value → count of every checkbox of `facet`, shown or folded under "More"."""
    rows = page.eval_on_selector_all(f'.facets input[name="{facet}"]', FACET_ROWS_JS)
    return {value: as_int(count) for value, count, _visible in rows}


def visible_facet_values(page: Page, facet: str) -> list[str]:
    rows = page.eval_on_selector_all(f'.facets input[name="{facet}"]', FACET_ROWS_JS)
    return [value for value, _count, visible in rows if visible]


def checked_values(page: Page, facet: str) -> list[str]:
    return page.eval_on_selector_all(f'.facets input[name="{facet}"]:checked', "els => els.map(el => el.value)")


def total(page: Page) -> int:
    return as_int(page.locator(".results .total").inner_text())


def hit_titles(page: Page) -> list[str]:
    return page.locator(".hits > li h2").all_inner_texts()


def hit_dates(page: Page) -> list[str]:
    """ISO dates of the hits that have one, in page order."""
    return page.eval_on_selector_all(".hits > li .meta time", "els => els.map(el => el.getAttribute('datetime'))")


def query_args(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def path(page: Page) -> str:
    return urlsplit(page.url).path


def fragment(page: Page) -> str:
    return urlsplit(page.url).fragment


def in_viewport(page: Page, selector: str) -> bool:
    """Whether the top of the element is on screen (an anchor jump scrolls it there)."""
    return page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight; }"
    )


def sign_in(page: Page, base: str, email: str) -> None:
    """Sign in through the form (password: tests.fixtures.auth.PASSWORD) and wait to leave it."""
    page.goto(f"{base}/en/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
