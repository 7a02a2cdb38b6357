"""Every page, export and print that shows a citizen writes the access log first, and shows
nothing when the log cannot be written (SECURITY LOG-01).

CITIZEN_DATA_ROUTES is this test's own inventory of the GET routes that render citizen data; the
JSON API is not in it because it answers with suppressed aggregates only (lovende/api/).
"""

import datetime
from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import DatabaseError
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.citizens.models import Course
from lovende.measurements import services as measurement_services
from lovende.reflection import packs
from lovende.reflection.models import DataPack, Meeting
from tests.measurements.conftest import ors_answers
from tests.reflection.conftest import make_forum, past_meetings

pytestmark = pytest.mark.django_db

VIEW, LIST, SEARCH = AccessLog.Action.VIEW, AccessLog.Action.LIST, AccessLog.Action.SEARCH
EXPORT, PRINT = AccessLog.Action.EXPORT, AccessLog.Action.PRINT


@dataclass
class World:
    course: Course
    measurement_id: int
    meeting: Meeting
    pack: DataPack


# (label, URL name, what the URL takes, query string, the action the log must record)
CITIZEN_DATA_ROUTES = [
    ("course list", "citizens:course_list", None, {"q": "", "status": ""}, LIST),
    ("citizen search", "citizens:course_list", None, {"q": "Freja", "status": ""}, SEARCH),
    ("course list export", "citizens:export_courses", None, {"status": ""}, EXPORT),
    ("citizen page", "citizens:citizen_detail", "citizen", {}, VIEW),
    ("citizen form", "citizens:update_citizen", "citizen", {}, VIEW),
    ("course page", "citizens:course_detail", "course", {}, VIEW),
    ("course form", "citizens:update_course", "course", {}, VIEW),
    ("course print", "citizens:print_course", "course", {}, PRINT),
    ("course export", "citizens:export_course", "course", {}, EXPORT),
    ("goals", "citizens:goal_list", "course", {}, VIEW),
    ("observation form", "citizens:record_observation", "course", {}, VIEW),
    ("assessment form", "citizens:record_assessment", "course", {}, VIEW),
    ("feedback form", "citizens:record_feedback", "course", {}, VIEW),
    ("measurement form", "measurements:record_measurement", "course", {}, VIEW),
    ("measurement edit", "measurements:update_measurement", "measurement", {}, VIEW),
    ("citizen meeting", "reflection:meeting_detail", "meeting", {}, LIST),
    ("data pack", "reflection:data_pack", "pack", {}, VIEW),
    ("data pack Excel", "reflection:export_data_pack_excel", "pack", {}, EXPORT),
    ("data pack PDF", "reflection:export_data_pack_pdf", "pack", {}, EXPORT),
]


def url_of(world: World, name: str, takes: str | None) -> str:
    ids = {
        None: None,
        "citizen": world.course.citizen_id,
        "course": world.course.pk,
        "measurement": world.measurement_id,
        "meeting": world.meeting.pk,
        "pack": world.pack.pk,
    }
    return reverse(name, args=[] if takes is None else [ids[takes]])


@pytest.fixture
def world(client_for, mette, lars, intervention, tree, nord_course, ors) -> World:
    """Freja's course with a measurement, on a citizen meeting's agenda, frozen in a data pack."""
    measurement = measurement_services.record_measurement(
        by=mette,
        context=None,
        course=nord_course,
        instrument=ors,
        answers=ors_answers(5, 5, 5, 5),
        measured_on=datetime.date(2025, 2, 3),
    )
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord,
        participants=[mette, lars], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]
    client = client_for(mette)
    client.post(
        reverse("reflection:add_agenda_course", args=[meeting.pk]), {"course": nord_course.pk}
    )
    client.post(reverse("reflection:generate_data_pack", args=[meeting.pk]))
    return World(nord_course, measurement.pk, meeting, DataPack.objects.get(meeting=meeting))


@pytest.fixture(autouse=True)
def no_chromium():
    # Rendering the PDF is Chromium's work (tests/reflection/test_data_pack.py); here only the
    # log in front of it matters, so the renderer answers at once.
    with mock.patch.object(packs, "render_pdf", return_value=b"%PDF-1.7 test"):
        yield


def test_the_inventory_covers_every_kind_of_use():
    # covers LOG-01: reads, searches, lists, exports and prints are all in the inventory
    actions = {route[-1] for route in CITIZEN_DATA_ROUTES}

    assert actions == {VIEW, LIST, SEARCH, EXPORT, PRINT}
    print(f"\nLOG-01: {len(CITIZEN_DATA_ROUTES)} citizen-data GET routes checked")


@pytest.mark.parametrize(
    ("label", "name", "takes", "query", "action"), CITIZEN_DATA_ROUTES, ids=lambda v: v
)
def test_a_get_writes_the_citizen_and_the_use(
    client_for, mette, world, label, name, takes, query, action
):
    # covers LOG-01
    before = AccessLog.objects.count()

    response = client_for(mette).get(url_of(world, name, takes), query)

    assert response.status_code == 200, label
    rows = list(AccessLog.objects.order_by("id")[before:])
    assert rows, label
    assert {row.action for row in rows} == {action}, label
    assert world.course.citizen_id in {row.citizen_id for row in rows}, label
    assert {row.user_id for row in rows} == {mette.pk}, label


@pytest.mark.parametrize(
    ("label", "name", "takes", "query", "action"), CITIZEN_DATA_ROUTES, ids=lambda v: v
)
def test_a_failed_log_write_gives_503_without_citizen_data(
    client_for, mette, world, label, name, takes, query, action
):
    # covers LOG-01: fail closed
    citizen = world.course.citizen
    client = client_for(mette)

    with mock.patch.object(
        AccessLog.objects, "bulk_create", side_effect=DatabaseError("disk full")
    ):
        response = client.get(url_of(world, name, takes), query)

    assert response.status_code == 503, label
    assert response["Content-Type"].startswith("text/html"), label
    body = response.content.decode()
    typed = " ".join(query.values())  # the user's own search words may be echoed back
    for secret in (citizen.first_name, citizen.last_name, citizen.pseudonym, "010315"):
        assert secret in typed or secret not in body, (label, secret)


def test_a_cpr_search_fails_closed(client_for, mette, world):
    # covers LOG-01: the CPR search is a POST, and finds the citizen only after logging
    with mock.patch.object(
        AccessLog.objects, "bulk_create", side_effect=DatabaseError("disk full")
    ):
        response = client_for(mette).post(reverse("citizens:search_cpr"), {"cpr": "0103154234"})

    assert response.status_code == 503
    assert "Freja" not in response.content.decode()
