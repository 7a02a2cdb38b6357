"""The session lifecycle: a new key at login, 30 minutes idle, 12 hours in total, a real logout,
and deactivated users signed out on their next request."""

# covers SESS-01

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGGED_OUT = "Du er logget ud, fordi du har været logget ind i 12 timer. Log ind igen."


def log_in(client, user) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def signed_in(response) -> bool:
    return response.status_code in (200, 302) and not sent_to_login(response)


def test_the_idle_timeout_is_30_minutes_renewed_on_every_request() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.LOVENDE_SESSION_MAX_AGE == 12 * 3600


def test_login_issues_a_new_session_key(client, mette) -> None:
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key

    log_in(client, mette)

    assert before
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_an_idle_session_ends_after_30_minutes(client, mette) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, mette)
        traveller.shift(datetime.timedelta(minutes=29))
        assert signed_in(client.get(reverse("home")))

        traveller.shift(datetime.timedelta(minutes=31))
        assert sent_to_login(client.get(reverse("home")))


def test_an_active_session_ends_after_12_hours(client, mette) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, mette)
        for _ in range(12 * 3):  # a request every 20 minutes for 12 hours
            traveller.shift(datetime.timedelta(minutes=20))
            assert signed_in(client.get(reverse("home")))

        traveller.shift(datetime.timedelta(minutes=1))
        response = client.get(reverse("home"))

        assert sent_to_login(response)
        assert LOGGED_OUT in client.get(response["Location"]).content.decode()
        log_in(client, mette)
        assert signed_in(client.get(reverse("home")))


def test_logout_ends_the_session_on_the_server(client, mette) -> None:
    log_in(client, mette)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post(reverse("logout"))

    assert not Session.objects.filter(session_key=cookie).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie  # replay the old cookie
    assert sent_to_login(client.get(reverse("home")))


def test_a_deactivated_user_is_anonymous_on_the_next_request(client, mette) -> None:
    log_in(client, mette)
    assert signed_in(client.get(reverse("home")))

    mette.is_active = False
    mette.save(update_fields=["is_active"])

    assert sent_to_login(client.get(reverse("home")))
