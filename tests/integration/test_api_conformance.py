"""The JSON API conforms to its own OpenAPI description: schemathesis (`--checks all`, a fixed
seed, a bounded number of examples per operation) against the live portal, anonymous and signed
in as a member, finds nothing."""

from __future__ import annotations

import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from benchmarks.live_portal import GIAI
from giai import PROJECT_ROOT

pytestmark = pytest.mark.server

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = PROJECT_ROOT / "tests" / "data" / "schemathesis.toml"  # says why the cursor is left out
EXAMPLES = 10  # per operation and phase: ~500 cases, ~1.5 min a run on two cores shared with six other suites
SEED = 13
MEMBER = "conformance-member@test.example"
PASSWORD = "a long conformance password"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def member_cookie(base: str, env: dict[str, str]) -> str:
    """The session cookie of a member signed in through the real form."""
    for command, stdin in ((["db", "upgrade"], None), (["users", "add", MEMBER, "--role", "member", "--exists-ok"], PASSWORD)):
        done = subprocess.run([str(GIAI), *command], env=env, input=stdin, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/en/login", timeout=30).read().decode()
    match = CSRF.search(page)
    assert match, "no CSRF token on the sign-in form"
    form = urllib.parse.urlencode({"email": MEMBER, "password": PASSWORD, "csrf_token": match.group(1) or match.group(2)})
    opener.open(f"{base}/login", data=form.encode(), timeout=30).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "session" in cookies, "signing in set no session cookie"
    return cookies


def schemathesis(base: str, *headers: str) -> subprocess.CompletedProcess:
    command = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{base}/api/v1/openapi.json", "--checks", "all", "--seed", str(SEED),
               "--max-examples", str(EXAMPLES), "--generation-deterministic", "--request-timeout", "30",
               "--no-color"]
    for header in headers:
        command += ["--header", header]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def test_the_api_conforms_to_its_description_for_an_anonymous_reader(portal_url):
    run = schemathesis(portal_url)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_the_api_conforms_to_its_description_for_a_signed_in_member(live_portal):
    base, env = live_portal
    run = schemathesis(base, f"Cookie: {member_cookie(base, env)}")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
