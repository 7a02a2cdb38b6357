"""The session lifecycle: a new key at login, 30 minutes idle, 12 hours in total, a real logout,
and deactivated users signed out on their next request."""

# covers SESS-01

import datetime
import time

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lovende.organisation.models import Role
from tests.accounts import fake_op
from tests.conftest import PASSWORD, make_staff

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


# --- accounts (SESS-01 leftovers): ending sessions, lost roles, the idle message, SessionRefresh ---

SESSION_GONE = "Din session er udløbet, så du er logget ud. Log ind igen."
ROLE_GONE = "Du er logget ud, fordi du ikke længere har en rolle i Lovende."


def test_end_sessions_deletes_only_that_users_sessions(client, mette, sofie, django_user_model):
    # covers SESS-01: "End sessions" for one user leaves everyone else signed in
    browsers = {name: Client() for name in ("mette_pc", "mette_phone", "sofie")}
    log_in(browsers["mette_pc"], mette)
    log_in(browsers["mette_phone"], mette)
    log_in(browsers["sofie"], sofie)
    root = django_user_model.objects.create_superuser("it-drift", password=PASSWORD)
    client.force_login(root)
    before = Session.objects.count()

    response = client.post(
        reverse("admin:organisation_user_changelist"),
        {"action": "end_sessions", "_selected_action": [mette.pk]},
    )

    assert response.status_code == 302
    assert Session.objects.count() == before - 2
    assert sent_to_login(browsers["mette_pc"].get(reverse("home")))
    assert sent_to_login(browsers["mette_phone"].get(reverse("home")))
    assert signed_in(browsers["sofie"].get(reverse("home")))
    assert signed_in(client.get(reverse("admin:index")))
    print(f"\nSESS-01 end sessions: 2 of {before} sessions deleted (mette's), {before - 2} kept")


def test_removing_the_last_role_ends_the_session_on_the_next_request(client, mette) -> None:
    # covers SESS-01
    log_in(client, mette)
    assert signed_in(client.get(reverse("home")))

    Role.objects.filter(user=mette).delete()
    response = client.get(reverse("home"))

    assert sent_to_login(response)
    assert ROLE_GONE in client.get(response["Location"]).content.decode()
    assert sent_to_login(client.get(reverse("home")))


def test_removing_one_of_two_roles_keeps_the_session(client, mette, tree) -> None:
    # covers SESS-01
    second = Role.objects.create(user=mette, unit=tree.syd, kind=Role.Kind.EMPLOYEE)
    log_in(client, mette)
    second.delete()
    assert signed_in(client.get(reverse("home")))


def test_a_user_who_never_had_a_role_keeps_the_session(client, tree) -> None:
    # covers SESS-01: a new user from the IdP waits for a role without being thrown out
    newcomer = make_staff(tree.organisation, "ny", "Ny", "Ansat")
    log_in(client, newcomer)
    assert signed_in(client.get(reverse("home")))
    assert signed_in(client.get(reverse("home")))


def test_an_idle_session_ends_with_a_danish_message(client, mette) -> None:
    # covers SESS-01
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, mette)
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse("home"))
        assert sent_to_login(response)
        assert SESSION_GONE in client.get(response["Location"]).content.decode()
        assert SESSION_GONE not in client.get(reverse("login")).content.decode()  # said once


def test_with_oidc_session_refresh_rechecks_the_idp(client, mette, settings) -> None:
    # covers SESS-01: after OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS a GET goes back to the IdP
    fake_op.configure(settings)
    settings.MIDDLEWARE = list(settings.MIDDLEWARE)
    position = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    settings.MIDDLEWARE.insert(position + 1, "lovende.accounts.middleware.OidcSessionRefresh")
    client.force_login(mette, backend="lovende.accounts.backends.MunicipalOIDCBackend")
    session = client.session
    session["oidc_id_token_expiration"] = time.time() + 60
    session.save()
    assert signed_in(client.get(reverse("home")))

    session = client.session
    session["oidc_id_token_expiration"] = time.time() - 1
    session.save()
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith("https://op.test/authorize?")
    assert "prompt=none" in response["Location"]
