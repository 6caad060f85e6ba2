"""axe-core (from npm) run in a page: the WCAG 2.2 AA violations the browser tests refuse."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from giai import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(PROJECT_ROOT)} is missing: run `npm ci` (make browser-deps)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("rules => axe.run(document, {runOnly: rules})", WCAG_22_AA)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return json.dumps([
        {"impact": v["impact"], "rule": v["id"], "help": v["help"],
         "nodes": [{"target": n["target"], "summary": n.get("failureSummary")} for n in v["nodes"]]}
        for v in violations
    ], ensure_ascii=False, indent=1)
