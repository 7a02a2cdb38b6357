"""Every use of a citizen's data writes the access log, and reads fail closed (LOG-01)."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from lovende.audit.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "arg"),
    [
        ("citizens:course_detail", "course"),
        ("citizens:citizen_detail", "citizen"),
        ("citizens:update_course", "course"),
        ("citizens:update_citizen", "citizen"),
    ],
)
def test_it_writes_exactly_one_entry_per_citizen_view(
    client_for, mette, nord_course, url_name, arg
):
    target = nord_course if arg == "course" else nord_course.citizen
    client = client_for(mette)

    client.get(reverse(url_name, args=[target.pk]))

    entries = list(AccessLog.objects.all())
    assert len(entries) == 1
    assert entries[0].citizen_id == nord_course.citizen.pk
    assert entries[0].action == AccessLog.Action.VIEW
    assert entries[0].user == mette
    assert entries[0].page == reverse(url_name, args=[target.pk])
    assert entries[0].request_id


def test_it_logs_one_entry_per_citizen_shown_in_a_list(
    client_for, mette, nord_course, intervention, tree
):
    from tests.conftest import make_course

    make_course(mette, intervention, tree.nord, "Bo", "Nielsen")

    client_for(mette).get(reverse("citizens:course_list"), {"q": "", "status": ""})

    entries = AccessLog.objects.filter(action=AccessLog.Action.LIST)
    assert entries.count() == 2
    assert len({e.request_id for e in entries}) == 1


def test_it_logs_the_search_criterion_with_cpr_masked(client_for, mette, nord_course):
    client_for(mette).post(reverse("citizens:search_cpr"), {"cpr": "0103154234"})

    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.SEARCH
    assert entry.criterion == "cpr=010315-****"
    assert "0103154234" not in entry.criterion


def test_it_logs_exports(client_for, mette, nord_course):
    client_for(mette).get(reverse("citizens:export_courses"), {"status": ""})

    assert AccessLog.objects.get().action == AccessLog.Action.EXPORT


def test_it_logs_a_cpr_reveal(client_for, mette, nord_course):
    response = client_for(mette).post(reverse("citizens:reveal_cpr", args=[nord_course.citizen.pk]))

    assert "010315-4234" in response.content.decode()
    assert AccessLog.objects.get().criterion == "CPR vist"


def test_it_logs_writes_in_the_same_transaction(client_for, mette, nord_course):
    data = {
        "first_name": "Freja",
        "last_name": "Mikkelsen-Berg",
        "cpr": "0103154234",
        "birth_date": "",
        "gender": "",
    }

    client_for(mette).post(reverse("citizens:update_citizen", args=[nord_course.citizen.pk]), data)

    assert AccessLog.objects.get().action == AccessLog.Action.UPDATE


def test_it_shows_no_citizen_data_when_the_log_cannot_be_written(client_for, mette, nord_course):
    with mock.patch.object(
        AccessLog.objects, "bulk_create", side_effect=DatabaseError("disk full")
    ):
        response = client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    assert response.status_code == 503
    assert "Freja" not in response.content.decode()


def test_it_refuses_to_update_or_delete_log_entries(client_for, mette, nord_course):
    # covers LOG-02 (application level; the database trigger: tests/audit/test_retention.py)
    client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))
    entry = AccessLog.objects.get()

    with pytest.raises(PermissionError):
        AccessLog.objects.update(criterion="x")
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    with pytest.raises(PermissionError):
        entry.delete()
    entry.criterion = "changed"
    with pytest.raises(PermissionError):
        entry.save()


def test_it_lets_a_log_reviewer_search_the_log_by_citizen(client_for, mette, rikke, nord_course):
    # covers LOG-02: the reviewer reads the log, and her read is logged
    client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    response = client_for(rikke).get(
        reverse("audit:access_log"), {"citizen": nord_course.citizen.pseudonym}
    )

    assert response.status_code == 200
    assert "Mette Holm" in response.content.decode()
    assert AccessLog.objects.filter(action=AccessLog.Action.LOG_READ, user=rikke).count() == 1


def test_it_exports_the_log_as_excel(client_for, mette, rikke, nord_course):
    client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    response = client_for(rikke).get(reverse("audit:export_access_log"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("persona", ["mette", "lars", "karin", "ida"])
def test_it_hides_the_log_from_everyone_but_log_reviewers(request, client_for, persona, tree):
    # covers LOG-02: administrators included; they grant the roles whose use the log shows
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("audit:access_log")).status_code == 404
    assert client.get(reverse("audit:export_access_log")).status_code == 404


def test_it_never_shows_another_organisations_log(client_for, rikke, karin, other_organisation):
    from lovende.audit.services import AccessContext, record_access

    record_access(by=karin, context=AccessContext("/x", None, "r1"), action=AccessLog.Action.VIEW)

    response = client_for(rikke).get(reverse("audit:access_log"))

    assert "Karin" not in response.content.decode()


def test_it_forbids_caching_of_signed_in_pages(client_for, mette, nord_course):
    # covers HDR-01: no-store on every response that may carry personal data
    response = client_for(mette).get(reverse("citizens:course_detail", args=[nord_course.pk]))

    assert response["Cache-Control"] == "no-store"


def test_it_logs_the_client_address_behind_the_proxy(client_for, mette, nord_course, settings):
    # covers LOG-01: the entry names the client, not the reverse proxy, and a forged entry is ignored
    settings.LOVENDE_TRUSTED_PROXIES = 1

    client_for(mette).get(
        reverse("citizens:course_detail", args=[nord_course.pk]),
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )

    assert list(AccessLog.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
