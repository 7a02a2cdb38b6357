"""The client address behind the reverse proxy: trusted hops only (AUTH-03, LOG-01)."""

import pytest
from django.test import RequestFactory

from lovende.client_ip import client_ip
from tests.conftest import PASSWORD
from tests.security.test_brute_force import LIMIT, logged_in

PROXY = "10.1.1.1"


def request(remote: str = PROXY, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),  # no trusted proxy: the header is anybody's word
        (1, None, PROXY),  # reached without the proxy: the socket's address
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.66, 203.0.113.7", "203.0.113.7"),  # a forged left entry is ignored
        (2, "198.51.100.66, 203.0.113.7, 10.2.2.2", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer hops than proxies: not through them
        (1, "not-an-address", None),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_it_takes_the_address_the_outermost_trusted_proxy_saw(
    settings, trusted, forwarded, expected
):
    # covers AUTH-03: lockouts count the real client, and a client cannot choose its address
    settings.LOVENDE_TRUSTED_PROXIES = trusted

    assert client_ip(request(forwarded=forwarded)) == expected


def test_axes_uses_it():
    from django.conf import settings

    assert settings.AXES_CLIENT_IP_CALLABLE == "lovende.client_ip.client_ip"


@pytest.mark.django_db
def test_behind_the_proxy_a_lockout_is_per_client_not_per_proxy(client, settings, mette):
    # covers AUTH-03 behind the reverse proxy: every client arrives from the proxy's address
    settings.LOVENDE_TRUSTED_PROXIES = 1

    def attempt(password: str, client_address: str, forged: str = ""):
        forwarded = f"{forged}, {client_address}" if forged else client_address
        return client.post(
            "/accounts/login/",
            {"username": mette.username, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(LIMIT):
        # an attacker rotating a forged left-hand entry is still one client
        attempt("wrong-password-123", "203.0.113.7", forged=f"192.0.2.{n}")

    assert attempt(PASSWORD, "203.0.113.7").status_code == 429
    assert logged_in(attempt(PASSWORD, "198.51.100.20"))
