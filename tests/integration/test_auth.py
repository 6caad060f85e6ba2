"""Sign-in, sessions, throttling, CSRF, sign-out everywhere, the admins' page of accounts and a
database that is down, on the real Elasticsearch and on both databases."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from giai.db.models import User
from portal.auth.users import set_disabled
from tests.fixtures.auth import (
    PASSWORD,
    add_account,
    csrf_token,
    portal_app,
    sign_in,
)
from tests.fixtures.portal.corpus import doc, index_corpus, pages

DOCUMENTS = [
    doc("open", "en", "Open report on torture", pages=pages("en", 1, {1: "torture"})),
    doc("for-members", "en", "Members briefing on torture", access="members", pages=pages("en", 1, {1: "torture"})),
]


@pytest.fixture
def make_app(settings, es, alias, database, database_url, tmp_path, vocabularies):
    index_corpus(es, alias, DOCUMENTS)

    def make(**changes):
        return portal_app(settings, alias, changes.pop("database_url", database_url), tmp_path, vocabularies, **changes)

    return make


@pytest.fixture
def app(make_app):
    return make_app(login_throttle_account=3, login_throttle_address=6)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def member(database):
    return add_account(database, "member@example.org", ["member"], ["fidh"])


@pytest.fixture
def admin(database):
    return add_account(database, "admin@example.org", ["admin"])


def signed_in_email(client) -> str | None:
    """Whose account the header shows, or None when signed out."""
    page = client.get("/en/").get_data(as_text=True)
    match = re.search(r'href="/en/account">([^<]+)</a>', page)
    return match.group(1) if match else None


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


# --- signing in -----------------------------------------------------------------------------------


def test_get_login_leads_to_the_sign_in_form_with_email_password_and_a_csrf_token(client):
    response = client.get("/login", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.request.path == "/en/login"
    assert 'name="email"' in page and 'name="password"' in page and 'name="csrf_token"' in page


def test_the_right_password_signs_in_and_leads_home(client, member):
    response = sign_in(client, member)
    assert response.status_code == 302 and response.headers["Location"] == "/en/"
    assert signed_in_email(client) == member


def test_the_sign_in_form_under_a_locale_signs_in_too(client, member):
    response = client.post(
        "/fr/login", data={"email": member, "password": PASSWORD, "csrf_token": csrf_token(client, "/fr/login")}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/fr/"


def test_the_session_cookie_is_http_only_same_site_lax_and_not_secure_without_tls(client, member):
    cookie = sign_in(client, member).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_the_session_cookie_is_secure_when_the_portal_is_behind_tls(make_app, member):
    client = make_app(session_cookie_secure=True).test_client()
    token = csrf_token(client, base_url="https://localhost")  # the cookie now travels over https only
    response = client.post(
        "/login",
        data={"email": member, "password": PASSWORD, "csrf_token": token},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/en/login"},  # Flask-WTF checks it over https
    )
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_wrong_password_is_refused_and_signs_nobody_in(client, member):
    response = sign_in(client, member, "not the password")
    assert response.status_code == 401 and "Wrong email or password." in response.get_data(as_text=True)
    assert signed_in_email(client) is None


def test_an_unknown_email_is_refused_with_the_same_words(client):
    response = sign_in(client, "nobody@example.org")
    assert response.status_code == 401 and "Wrong email or password." in response.get_data(as_text=True)


def test_the_refused_form_keeps_the_email_but_never_echoes_the_password(client, member):
    page = sign_in(client, member, "my wrong secret 123").get_data(as_text=True)
    assert member in page and "my wrong secret 123" not in page


def test_sign_in_without_a_csrf_token_is_rejected(client, member):
    client.get("/en/login")
    response = client.post("/login", data={"email": member, "password": PASSWORD})
    assert response.status_code == 400
    assert signed_in_email(client) is None


def test_sign_in_with_another_sessions_csrf_token_is_rejected(app, member):
    token = csrf_token(app.test_client())
    response = app.test_client().post("/login", data={"email": member, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 400


def test_a_disabled_user_cannot_sign_in(client, database, member):
    with database.session() as session:
        set_disabled(session.scalar(select(User)), True)
    response = sign_in(client, member)
    assert response.status_code == 403 and signed_in_email(client) is None


def test_sign_in_returns_to_the_page_that_asked_for_it(client, member):
    assert client.get("/en/account").headers["Location"] == "/en/login?next=/en/account"
    response = client.post(
        "/login", data={"email": member, "password": PASSWORD, "next": "/en/account", "csrf_token": csrf_token(client)}
    )
    assert response.headers["Location"] == "/en/account"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_sign_in_never_redirects_to_another_site(client, member, target):
    response = client.post(
        "/login", data={"email": member, "password": PASSWORD, "next": target, "csrf_token": csrf_token(client)}
    )
    assert response.headers["Location"] == "/en/"


# --- throttling -----------------------------------------------------------------------------------


def test_an_account_is_throttled_after_repeated_failures_even_from_other_addresses(client, member):
    for n in range(3):
        assert sign_in(client, member, "wrong password", **from_address(f"192.0.2.{n}")).status_code == 401
    response = sign_in(client, member, **from_address("198.51.100.1"))
    assert response.status_code == 429 and "Too many failed sign-ins" in response.get_data(as_text=True)
    assert response.headers["Retry-After"].isdigit()
    assert signed_in_email(client) is None


def test_an_address_is_throttled_after_repeated_failures_across_accounts(client, member):
    for n in range(6):
        sign_in(client, f"guess{n}@example.org", "wrong password", **from_address("203.0.113.5"))
    assert sign_in(client, member, **from_address("203.0.113.5")).status_code == 429
    assert sign_in(client, member, **from_address("203.0.113.6")).status_code == 302


def test_an_admin_unlocks_an_account_a_stranger_locked(client, database, admin, member):
    for n in range(3):
        sign_in(client, member, "wrong password", **from_address(f"192.0.2.{n}"))
    assert sign_in(client, member, **from_address("198.51.100.1")).status_code == 429
    sign_in(client, admin, **from_address("198.51.100.2"))
    with database.session() as session:
        member_id = session.scalar(select(User.id).where(User.email == member))
    token = csrf_token(client, "/en/admin/users")
    assert client.post(f"/en/admin/users/{member_id}/unlock", data={f"a{member_id}-csrf_token": token}).status_code == 302
    owner = client.application.test_client()
    assert sign_in(owner, member, **from_address("198.51.100.1")).status_code == 302


def test_behind_a_trusted_proxy_the_clients_address_is_throttled_not_the_proxys(make_app, member):
    client = make_app(trusted_proxies=1, login_throttle_address=2).test_client()
    for n in range(2):
        sign_in(client, f"guess{n}@example.org", "wrong password", headers={"X-Forwarded-For": "203.0.113.5"})
    assert sign_in(client, member, headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    assert sign_in(client, member, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 302


# --- signing out ----------------------------------------------------------------------------------


def test_signing_out_ends_the_session(client, member):
    sign_in(client, member)
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/en/")})
    assert response.status_code == 302 and signed_in_email(client) is None


def test_sign_out_without_a_csrf_token_is_rejected(client, member):
    sign_in(client, member)
    assert client.post("/logout").status_code == 400
    assert signed_in_email(client) == member


def test_sign_out_everywhere_ends_the_other_sessions_of_the_account(app, member):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, member)
    sign_in(phone, member)
    laptop.post("/logout", data={"everywhere": "1", "csrf_token": csrf_token(laptop, "/en/account")})
    assert signed_in_email(laptop) is None and signed_in_email(phone) is None
    sign_in(phone, member)
    assert signed_in_email(phone) == member


def test_a_copied_session_cookie_stops_working_after_sign_out_everywhere(app, member):
    browser = app.test_client()
    sign_in(browser, member)
    stolen = browser.get_cookie("session").value
    browser.post("/logout", data={"everywhere": "1", "csrf_token": csrf_token(browser, "/en/account")})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert signed_in_email(thief) is None


def test_a_copied_session_cookie_stops_working_after_a_plain_sign_out(app, member):
    browser, elsewhere = app.test_client(), app.test_client()
    sign_in(browser, member)
    sign_in(elsewhere, member)
    stolen = browser.get_cookie("session").value
    browser.post("/logout", data={"csrf_token": csrf_token(browser, "/en/")})
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert signed_in_email(thief) is None
    assert signed_in_email(elsewhere) == member  # only this sign-in ended


def test_a_sign_in_ends_when_its_lifetime_has_passed_however_active(make_app, member):
    client = make_app(session_lifetime_hours=1).test_client()
    sign_in(client, member)
    assert signed_in_email(client) == member
    with client.session_transaction() as cookie:  # as if the sign-in was made 61 minutes ago
        cookie["at"] -= 61 * 60
    assert signed_in_email(client) is None


def test_disabling_an_account_ends_its_open_sessions(client, database, member):
    sign_in(client, member)
    with database.session() as session:
        set_disabled(session.scalar(select(User).where(User.email == member)), True)
    assert signed_in_email(client) is None


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, member):
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, member)
    sign_in(elsewhere, member)
    new = "a brand new long password"
    response = here.post(
        "/en/account/password",
        data={"current": PASSWORD, "new": new, "confirm": new, "csrf_token": csrf_token(here, "/en/account")},
    )
    assert response.status_code == 200 and "Your password is changed" in response.get_data(as_text=True)
    assert signed_in_email(here) == member and signed_in_email(elsewhere) is None
    assert sign_in(app.test_client(), member, new).status_code == 302


def test_changing_the_password_needs_the_current_one(client, member):
    sign_in(client, member)
    new = "a brand new long password"
    response = client.post(
        "/en/account/password",
        data={"current": "wrong", "new": new, "confirm": new, "csrf_token": csrf_token(client, "/en/account")},
    )
    assert response.status_code == 401
    assert sign_in(client, member).status_code == 302


# --- the viewer of the API ------------------------------------------------------------------------


def test_api_search_answers_a_signed_in_session_with_that_viewers_access(client, member):
    assert {h["id"] for h in client.get("/api/v1/search?q=torture").get_json()["hits"]} == {"open"}
    sign_in(client, member)
    answer = client.get("/api/v1/search?q=torture")
    assert {h["id"] for h in answer.get_json()["hits"]} == {"open", "for-members"}
    assert "private" in answer.headers["Cache-Control"]


# --- the admins' page of accounts -----------------------------------------------------------------


def test_the_accounts_page_sends_anonymous_visitors_to_sign_in_and_refuses_members(client, member):
    assert client.get("/en/admin/users").headers["Location"].startswith("/en/login?next=")
    sign_in(client, member)
    assert client.get("/en/admin/users").status_code == 403


def test_an_admin_adds_an_account_whose_password_is_shown_once_and_works(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    response = client.post(
        "/en/admin/users",
        data={
            "email": "new@example.org",
            "roles": ["curator"],
            "organisations": ["fidh"],
            "csrf_token": csrf_token(client, "/en/admin/users"),
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 201 and "no-store" in response.headers["Cache-Control"]
    password = re.search(r'<code class="password">([^<]+)</code>', page).group(1)
    assert password not in client.get("/en/admin/users").get_data(as_text=True)
    assert sign_in(app.test_client(), "new@example.org", password).status_code == 302


def test_the_accounts_page_refuses_an_existing_email_in_the_readers_language(client, admin, member):
    sign_in(client, admin)
    response = client.post(
        "/fr/admin/users",
        data={
            "email": member.upper(),
            "roles": ["member"],
            "csrf_token": csrf_token(client, "/fr/admin/users"),
        },
    )
    assert response.status_code == 400 and f"Un compte existe déjà pour {member}." in response.get_data(as_text=True)


def test_a_curator_added_without_an_organisation_is_refused(client, admin):
    sign_in(client, admin)
    response = client.post(
        "/en/admin/users",
        data={
            "email": "c@example.org",
            "roles": ["curator"],
            "csrf_token": csrf_token(client, "/en/admin/users"),
        },
    )
    assert response.status_code == 400 and "A curator needs at least one organisation." in response.get_data(
        as_text=True
    )


def test_an_admin_changes_roles_and_disables_an_account(client, database, admin, member):
    sign_in(client, admin)
    with database.session() as session:
        member_id = session.scalar(select(User.id).where(User.email == member))
    token = csrf_token(client, "/en/admin/users")
    prefix = f"u{member_id}"
    response = client.post(
        f"/en/admin/users/{member_id}/grants",
        data={
            f"{prefix}-roles": ["translator"],
            f"{prefix}-languages": ["ru"],
            f"{prefix}-organisations": ["fidh"],
            f"{prefix}-csrf_token": token,
        },
    )
    assert response.status_code == 302
    assert (
        client.post(f"/en/admin/users/{member_id}/disable", data={f"a{member_id}-csrf_token": token}).status_code == 302
    )
    with database.session() as session:
        user = session.get(User, member_id)
        assert set(user.roles) == {"translator"} and set(user.languages) == {"ru"} and user.disabled


def test_an_admin_cannot_disable_their_own_account(client, database, admin):
    sign_in(client, admin)
    with database.session() as session:
        admin_id = session.scalar(select(User.id))
    token = csrf_token(client, "/en/admin/users")
    response = client.post(f"/en/admin/users/{admin_id}/disable", data={f"a{admin_id}-csrf_token": token})
    assert response.status_code == 400 and signed_in_email(client) == admin


def test_admin_forms_without_a_csrf_token_are_rejected(client, admin):
    sign_in(client, admin)
    assert client.post("/en/admin/users", data={"email": "x@example.org", "roles": ["member"]}).status_code == 400


# --- secrets and failures -------------------------------------------------------------------------


def test_passwords_never_reach_a_log(app, admin, member, caplog):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    typed_as_email = "password typed in the email box"
    sign_in(client, typed_as_email, "whatever else")
    sign_in(client, member, "a wrong guess of a password")
    sign_in(client, admin)
    created = client.post(
        "/en/admin/users",
        data={
            "email": "new@example.org",
            "roles": ["member"],
            "csrf_token": csrf_token(client, "/en/admin/users"),
        },
    ).get_data(as_text=True)
    generated = re.search(r'<code class="password">([^<]+)</code>', created).group(1)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "sign-in" in logged  # the attempts were logged, without what was typed
    for secret in (typed_as_email, "whatever else", "a wrong guess of a password", PASSWORD, generated):
        assert secret not in logged


def test_a_database_that_is_down_gives_a_clear_503_page_and_anonymous_search_still_works(make_app, member):
    up = make_app()
    signed_in = up.test_client()
    sign_in(signed_in, member)
    down = make_app(database_url="postgresql+psycopg://giai:pw@127.0.0.1:1/giai")
    client = down.test_client()
    response = client.post("/login", data={"email": member, "password": PASSWORD, "csrf_token": csrf_token(client)})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Sign-in and accounts are unavailable" in page and "Traceback" not in page
    assert client.get("/api/v1/search?q=torture").status_code == 200
    cookie = signed_in.get_cookie("session").value
    client.set_cookie("session", cookie)
    answer = client.get("/api/v1/search?q=torture")
    assert answer.status_code == 503 and answer.get_json()["error"]["code"] == "database_unavailable"
    assert client.get("/en/search?q=torture").status_code == 503
