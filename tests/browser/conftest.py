"""Browser tests: Debian's Chromium driven by Playwright (never `playwright install`) against the
portal served by `giai serve` over the sample corpus (`portal_url` of tests/conftest.py), both set
up once per session.

Fixtures: `browser` (one Chromium for the session), `page` (a fresh context and tab per test),
`page_without_js`, `page_for_axe` (Content-Security-Policy bypassed so axe-core can be injected)
and `shoot` (screenshots into test-artifacts/browser/).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from giai import PROJECT_ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); the browser tests need it",
                    pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, **context_options) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    yield from _page(browser)


@pytest.fixture
def page_without_js(browser) -> Iterator[Page]:
    yield from _page(browser, java_script_enabled=False)


@pytest.fixture
def page_for_axe(browser) -> Iterator[Page]:
    """A page whose Content-Security-Policy is bypassed: axe-core runs as an injected script,
    which the portal's policy (no inline scripts) rightly refuses."""
    yield from _page(browser, bypass_csp=True)


@pytest.fixture
def shoot(request) -> Callable[[Page, str], Path]:
    """shoot(page, name) saves a full-page screenshot as test-artifacts/browser/<test>-<name>.png."""
    test = request.node.originalname

    def save(page: Page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{test}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
