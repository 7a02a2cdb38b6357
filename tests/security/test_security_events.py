"""Security events are stored and shipped as one JSON line each, with no sensitive data (LOG-03).

One test per event type, each asserting the stored record; then the JSON lines themselves.
"""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from lovende.audit import services
from lovende.audit.jsonlines import JsonLinesFormatter
from lovende.audit.models import SecurityEvent
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

Event = SecurityEvent.EventType


def login(client, username: str, password: str = PASSWORD, ip: str = "10.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def last(event_type: str) -> SecurityEvent:
    return SecurityEvent.objects.filter(event_type=event_type).latest("id")


@pytest.fixture
def shipped() -> Iterator[io.StringIO]:
    """What the `lovende.security` and `lovende.audit` loggers ship, as settings.LOGGING does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLinesFormatter())
    loggers = [logging.getLogger("lovende.security"), logging.getLogger("lovende.audit")]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


def test_a_login_is_recorded(client, mette):
    # covers LOG-03: login success
    login(client, "mette")

    event = last(Event.LOGIN_SUCCEEDED)
    assert (event.acting_user, event.modified_user) == (mette, mette)
    assert event.ip_address == "10.0.0.7"
    assert event.organisation_id == mette.organisation_id


def test_a_failed_login_is_recorded_with_the_username_only(client, mette):
    # covers LOG-03: login failure; the password tried is never stored
    login(client, "mette", "wrong-password-123")

    event = last(Event.LOGIN_FAILED)
    assert event.acting_user is None
    assert event.modified_user == mette
    assert event.extra_data == {"username": "mette"}
    assert "wrong-password" not in json.dumps(event.extra_data)


def test_a_lockout_is_recorded(client, mette):
    # covers LOG-03: lockout (django-axes' user_locked_out, after AXES_FAILURE_LIMIT failures)
    for _ in range(5):
        login(client, "mette", "wrong-password-123")

    event = last(Event.LOCKED_OUT)
    assert event.modified_user == mette
    assert event.extra_data == {"username": "mette"}
    assert event.ip_address == "10.0.0.7"


def test_a_logout_is_recorded(client_for, mette):
    # covers LOG-03: logout
    client_for(mette).post(reverse("logout"))

    event = last(Event.LOGOUT)
    assert (event.acting_user, event.modified_user) == (mette, mette)


def test_a_refused_change_is_recorded_as_permission_denied(client_for, mette, tree):
    # covers LOG-03: permission denied (403: only administrators change roles)
    response = client_for(mette).post(
        reverse("organisation:assign_role", args=[mette.pk]), {"unit": tree.root.pk}
    )

    assert response.status_code == 403
    event = last(Event.PERMISSION_DENIED)
    assert event.acting_user == mette
    assert event.extra_data == {
        "path": reverse("organisation:assign_role", args=[mette.pk]),
        "method": "POST",
    }
    assert event.request_id


def test_a_csrf_failure_is_recorded_once_with_a_danish_page(mette, nord_course):
    # covers LOG-03: CSRF failure (settings.CSRF_FAILURE_VIEW), not also counted as a 403
    client = Client(enforce_csrf_checks=True)
    client.force_login(mette)

    response = client.post(reverse("citizens:reveal_cpr", args=[nord_course.citizen.pk]))

    assert response.status_code == 403
    assert "Forespørgslen blev afvist" in response.content.decode()
    event = last(Event.CSRF_FAILURE)
    assert event.acting_user == mette
    assert event.extra_data["method"] == "POST"
    assert not SecurityEvent.objects.filter(event_type=Event.PERMISSION_DENIED).exists()


def test_rejected_input_is_recorded_by_field_names_only(mette):
    # covers LOG-03: rejected input or import (record_rejected_input, for forms and imports)
    event = services.record_rejected_input(by=mette, what="borgerimport", fields=["cpr", "navn"])

    event.refresh_from_db()
    assert event.event_type == Event.INPUT_REJECTED
    assert event.acting_user == mette
    assert event.extra_data == {"what": "borgerimport", "fields": ["cpr", "navn"]}


def test_a_role_given_by_an_administrator_is_recorded(client_for, ida, mette, tree):
    # covers LOG-03: role created, with the administrator as the acting user
    client_for(ida).post(
        reverse("organisation:assign_role", args=[mette.pk]),
        {"unit": tree.syd.pk, "kind": Role.Kind.EMPLOYEE},
    )

    event = last(Event.ROLE_CREATED)
    assert (event.acting_user, event.modified_user) == (ida, mette)
    assert event.extra_data["new"] == {
        "unit_id": tree.syd.pk,
        "kind": "medarbejder",
        "management_level": None,
        "citizen_access": True,
    }


def test_a_role_change_is_recorded_with_old_and_new(mette):
    # covers LOG-03: role changed
    role = mette.roles.get()
    role.citizen_access = False
    role.save()

    event = last(Event.ROLE_CHANGED)
    assert event.modified_user == mette
    assert event.extra_data["old"]["citizen_access"] is True
    assert event.extra_data["new"]["citizen_access"] is False


def test_a_removed_role_is_recorded(mette, tree):
    # covers LOG-03: role deleted
    role = mette.roles.get()
    role_id = role.pk

    org_services.remove_role(role=role)

    event = last(Event.ROLE_DELETED)
    assert event.modified_user == mette
    assert event.extra_data == {
        "role_id": role_id,
        "old": {
            "unit_id": tree.nord.pk,
            "kind": "medarbejder",
            "management_level": None,
            "citizen_access": True,
        },
    }


def test_deactivating_a_user_is_recorded(mette):
    # covers LOG-03: user is_active changes
    org_services.update_staff(staff=mette, is_active=False)

    event = last(Event.USER_ACTIVE_CHANGED)
    assert event.modified_user == mette
    assert event.extra_data == {"old": {"is_active": True}, "new": {"is_active": False}}


def test_a_permission_change_is_recorded(mette):
    # covers LOG-03: permission changes (a Django permission or group, or superuser status)
    services.set_log_reviewer(user=mette, reviewer=True)
    mette.is_superuser = True
    mette.save()

    granted, superuser = SecurityEvent.objects.filter(
        event_type=Event.PERMISSIONS_CHANGED, modified_user=mette
    ).order_by("id")
    assert granted.extra_data == {"added": {"permissions": ["audit.review_access_log"]}}
    assert superuser.extra_data == {"old": {"is_superuser": False}, "new": {"is_superuser": True}}


def test_an_export_is_recorded(client_for, mette, nord_course):
    # covers LOG-03: exports (any attachment a signed-in user downloads)
    client_for(mette).get(reverse("citizens:export_course", args=[nord_course.pk]))

    event = last(Event.EXPORT)
    assert event.acting_user == mette
    assert event.extra_data == {
        "path": reverse("citizens:export_course", args=[nord_course.pk]),
        "content_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_a_forged_newline_in_a_username_stays_one_json_line(client, shipped):
    # covers LOG-03: newlines in logged values are escaped
    login(client, "x\nFAKE ENTRY", "wrong-password-123")

    lines = shipped.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["event"] == Event.LOGIN_FAILED
    assert record["extra_data"] == {"username": "x\nFAKE ENTRY"}
    assert record["time"].endswith("Z")
    assert record["at"].endswith("+00:00")
    print(f"\nLOG-03: username 'x\\nFAKE ENTRY' shipped as {len(lines)} JSON line")


def test_access_log_rows_ship_as_json_lines_with_ids_only(client_for, mette, nord_course, shipped):
    # covers LOG-02: log shipping; LOG-03: no names or CPR in application logs
    client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    records = [json.loads(line) for line in shipped.getvalue().splitlines()]
    access = [r for r in records if r["event"] == "access"]
    assert len(access) == 1
    assert access[0]["citizen_id"] == nord_course.citizen_id
    assert access[0]["user_id"] == mette.pk
    text = shipped.getvalue()
    for secret in ("Freja", "Mikkelsen", nord_course.citizen.pseudonym, "0103154234"):
        assert secret not in text


def test_a_404_from_a_permission_getter_is_recorded(client_for, sofie, nord_course):
    # covers LOG-03: permission denied as the getters answer it (404 for out of reach, ACL-02)
    path = reverse("citizens:course_detail", args=[nord_course.pk])

    response = client_for(sofie).get(path)

    assert response.status_code == 404
    event = last(Event.PERMISSION_DENIED)
    assert event.acting_user == sofie
    assert event.extra_data == {"path": path, "method": "GET", "status": 404}


def test_an_unknown_address_is_not_a_security_event(client_for, sofie):
    # covers LOG-03: only routes that exist; a mistyped address is no attempt at anyone's data
    client_for(sofie).get("/findes-ikke/")

    assert not SecurityEvent.objects.filter(event_type=Event.PERMISSION_DENIED).exists()
