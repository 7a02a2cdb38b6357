"""Security headers on every signed-in page, and the session cookie's attributes (HDR-01, SESS-01).

The crawl GETs every app route from the URL inventory as a leader and as an employee (sample id 1,
plus the pages of a real course) over HTTPS with production's HSTS settings.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.test_url_inventory import APP_ROUTES

pytestmark = pytest.mark.django_db

PRODUCTION_HEADERS = override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_SSL_REDIRECT=True
)
CSP_PARTS = (
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
)


def assert_headers(response, where: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    for part in CSP_PARTS:
        assert part in csp, f"{where}: {part} missing from CSP {csp!r}"
    assert "unsafe-inline" not in csp, where
    assert "unsafe-eval" not in csp, where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") == "same-origin", where
    assert response.get("X-Frame-Options") == "DENY", where
    assert response.get("Cache-Control") == "no-store", where
    assert response.get("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", where


@PRODUCTION_HEADERS
def test_every_signed_in_page_carries_the_security_headers(client_for, lars, mette, nord_course):
    # covers HDR-01
    crawled = 0
    course = nord_course.pk
    extra = [
        ("home", "/"),
        ("course", reverse("citizens:course_detail", args=[course])),
        ("citizen", reverse("citizens:citizen_detail", args=[nord_course.citizen_id])),
    ]
    for user in (lars, mette):
        client = client_for(user)
        for name, path in [*APP_ROUTES, *extra]:
            response = client.get(path, secure=True)
            assert response.status_code < 500, f"{user} {name} {path}: {response.status_code}"
            assert_headers(response, f"{user} {name} {path} ({response.status_code})")
            crawled += 1
    assert crawled > 2 * 20


@PRODUCTION_HEADERS
def test_the_login_page_carries_the_headers_but_may_be_cached_by_nobody_signed_in(client):
    # covers HDR-01
    response = client.get(reverse("login"), secure=True)

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@PRODUCTION_HEADERS
def test_plain_http_is_redirected_to_https(client):
    # covers HDR-01
    response = client.get(reverse("login"))

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@override_settings(
    SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-sessionid", CSRF_COOKIE_SECURE=True
)
def test_the_session_cookie_is_host_prefixed_secure_httponly_and_lax(client, mette):
    # covers SESS-01 (the cookie's attributes under production settings)
    response = client.post(
        reverse("login"), {"username": "mette", "password": PASSWORD}, secure=True
    )

    assert response.status_code == 302
    cookie = response.cookies["__Host-sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    # The CSRF token lives in the session: no csrftoken cookie for a script to read.
    assert "csrftoken" not in response.cookies
