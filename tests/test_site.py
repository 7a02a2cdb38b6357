"""The start page, login, language switch and health check."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_sends_staff_with_citizen_access_to_their_courses(client_for, mette):
    response = client_for(mette).get(reverse("home"))

    assert response["Location"] == reverse("citizens:course_list")


def test_it_sends_leaders_above_to_the_organisation(client_for, lars):
    response = client_for(lars).get(reverse("home"))

    assert response["Location"] == reverse("organisation:unit_list")


def test_it_logs_in_through_the_login_form(client, mette):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "mette", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("citizens:course_list")).status_code == 200


def test_it_shows_a_danish_error_for_a_wrong_password(client, mette):
    response = client.post(reverse("login"), {"username": "mette", "password": "forkert"})

    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


def test_it_logs_out_by_post_only(client_for, mette):
    client = client_for(mette)

    client.post(reverse("logout"))

    assert client.get(reverse("citizens:course_list")).status_code == 302


def test_it_shows_the_user_role_and_organisation_in_the_header(client_for, mette):
    body = client_for(mette).get(reverse("citizens:course_list")).content.decode()

    assert "Testkommune" in body
    assert "Mette Holm" in body
    assert "Medarbejder, Familiebehandling Nord" in body


def test_it_hides_citizen_navigation_from_leaders_above(client_for, lars):
    body = client_for(lars).get(reverse("organisation:unit_list")).content.decode()

    assert reverse("citizens:course_list") not in body


def test_it_switches_language_to_english(client_for, mette):
    client = client_for(mette)

    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert client.get(reverse("citizens:course_list")).headers["Content-Language"] == "en"


def test_it_reports_health(client):
    response = client.get(reverse("healthz"))

    assert response.json() == {"status": "ok"}


def test_it_runs_management_commands_through_the_lovende_cli(capsys):
    from lovende.cli import main

    main(["lovende", "check"])

    assert "no issues" in capsys.readouterr().out


def test_it_reports_an_unreachable_database_as_503(client, monkeypatch):
    # covers REL-05: /healthz checks the database
    from django.db import OperationalError, connection

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "db-unavailable"}
