"""Brute-force protection of the login form: lockout per username and IP, by time or by an admin.

Every try goes through the real login form (django-axes in its production configuration).
"""

# covers AUTH-03

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "For mange mislykkede forsøg. Prøv igen om 15 minutter, eller kontakt en administrator."
LIMIT = 5


def attempt(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, username: str, ip: str = "10.0.0.1") -> None:
    for _ in range(LIMIT):
        attempt(client, username, "wrong-password-123", ip)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def test_the_settings_are_the_documented_ones() -> None:
    assert settings.AXES_ENABLED
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_failures_below_the_limit_still_allow_the_right_password(client, mette) -> None:
    for _ in range(LIMIT - 1):
        response = attempt(client, mette.username, "wrong-password-123")
        assert response.status_code == 200
        assert "Brugernavn eller adgangskode er forkert." in response.content.decode()

    assert logged_in(attempt(client, mette.username, PASSWORD))
    assert not AccessAttempt.objects.filter(username=mette.username).exists()  # reset on success


def test_n_failures_lock_out_even_the_right_password(client, mette) -> None:
    fail_until_locked(client, mette.username)

    response = attempt(client, mette.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    failures = AccessFailureLog.objects.filter(username=mette.username)
    assert failures.count() == LIMIT
    assert failures.filter(locked_out=True).count() == 1


def test_the_lockout_ends_after_the_cooloff(client, mette) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail_until_locked(client, mette.username)
        traveller.shift(datetime.timedelta(minutes=14))
        assert attempt(client, mette.username, PASSWORD).status_code == 429

        traveller.shift(datetime.timedelta(minutes=2))
        assert logged_in(attempt(client, mette.username, PASSWORD))


def test_another_user_from_the_same_ip_is_not_locked_out(client, mette, sofie) -> None:
    fail_until_locked(client, mette.username)

    assert logged_in(attempt(client, sofie.username, PASSWORD))


def test_the_same_user_from_another_ip_is_not_locked_out(client, mette) -> None:
    fail_until_locked(client, mette.username, ip="10.0.0.1")

    assert logged_in(attempt(client, mette.username, PASSWORD, ip="10.0.0.2"))


def test_an_admin_can_unlock_a_user(client, mette) -> None:
    fail_until_locked(client, mette.username)
    assert attempt(client, mette.username, PASSWORD).status_code == 429

    call_command("unlock", mette.username)

    assert logged_in(attempt(client, mette.username, PASSWORD))
    assert AccessFailureLog.objects.filter(username=mette.username).count() == LIMIT
