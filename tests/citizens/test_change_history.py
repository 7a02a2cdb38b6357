"""Rectification keeps a change history with the old values (GDPR art. 16, SECURITY PRIV-03)."""

import datetime

import pytest
from django.urls import reverse

from lovende.citizens import changes
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Change, Course
from lovende.measurements import services as measurement_services
from lovende.versioning import EditConflict
from tests.conftest import make_course
from tests.measurements.conftest import ors_answers

pytestmark = pytest.mark.django_db

ON = datetime.date(2025, 2, 3)


def history(citizen) -> list[tuple[str, str, str, str]]:
    rows = Change.objects.filter(citizen=citizen).order_by("id")
    return [(c.record, c.field, c.old_value, c.new_value) for c in rows]


def test_diff_keeps_only_what_changed():
    before = {"Fornavn": "Anna", "Efternavn": "Berg", "Køn": "Kvinde"}
    after = {"Fornavn": "Anne", "Efternavn": "Berg", "Køn": "Kvinde", "Ny": "x"}

    assert changes.diff(before, after) == [("Fornavn", "Anna", "Anne"), ("Ny", "", "x")]
    assert changes.diff(before, before) == []


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        (None, ""),
        (datetime.date(2025, 2, 3), "03.02.2025"),
        (True, "ja"),
        (12.5, "12,5"),
        (14.0, "14"),
        ({"b": 1, "a": "æ"}, '{"a": "æ", "b": 1}'),
        ("Aktiv", "Aktiv"),
    ],
)
def test_values_read_as_on_screen(item, shown):
    assert changes.value(item) == shown


def test_correcting_a_citizen_keeps_the_old_values(mette, nord_course):
    # covers PRIV-03: art. 16 — the correction is made, and what it replaced is kept
    citizen = nord_course.citizen
    citizen_services.update_citizen(
        by=mette, context=None, citizen=citizen, last_name="Storm", cpr="0203154231",
        birth_date=datetime.date(2015, 3, 2),
    )  # fmt: skip

    assert history(citizen) == [
        ("borger", "Efternavn", "Mikkelsen", "Storm"),
        ("borger", "CPR-nummer", "0103154234", "0203154231"),
        ("borger", "Fødselsdato", "01.03.2015", "02.03.2015"),
    ]
    assert Change.objects.filter(citizen=citizen).first().changed_by == mette


def test_changing_a_course_keeps_status_staff_and_dates(mette, sofie, nord_course, tree):
    # covers PRIV-03: art. 16 for the course's own fields, its staff included
    citizen_services.update_course(
        by=mette, context=None, course=nord_course, status=Course.Status.COMPLETED,
        end_date=datetime.date(2025, 6, 30), responsible=[],
    )  # fmt: skip

    assert history(nord_course.citizen) == [
        ("forløb", "Slutdato", "", "30.06.2025"),
        ("forløb", "Status", "Aktiv", "Afsluttet"),
        ("forløb", "Ansvarlige medarbejdere", "Mette Holm", ""),
    ]
    assert {c.course_id for c in Change.objects.all()} == {nord_course.pk}


def test_a_corrected_or_deleted_measurement_stays_in_the_history(mette, nord_course, ors):
    # covers PRIV-03: art. 16 — a score that was corrected or removed can still be read back
    measurement = measurement_services.record_measurement(
        by=mette, context=None, course=nord_course, instrument=ors,
        answers=ors_answers(3, 4, 2, 5), measured_on=ON,
    )  # fmt: skip
    measurement_services.update_measurement(
        by=mette, context=None, measurement=measurement, answers=ors_answers(3, 4, 3, 5),
        measured_on=ON,
    )  # fmt: skip
    measurement_services.delete_measurement(by=mette, context=None, measurement=measurement)

    [corrected, deleted] = history(nord_course.citizen)
    label = f"Måling ({ors.name})"
    assert corrected[:2] == ("måling", label)
    assert corrected[2].startswith("03.02.2025: score 14; svar {")
    assert corrected[3].startswith("03.02.2025: score 15; svar {")
    assert deleted == ("måling", label, corrected[3], "")


def test_closing_a_goal_is_kept(mette, nord_course):
    goal = citizen_services.add_goal(by=mette, context=None, course=nord_course, title="Skole")
    citizen_services.close_goal(by=mette, context=None, goal=goal)

    assert history(nord_course.citizen) == [("mål", "Mål «Skole»: aktivt", "ja", "nej")]


def test_a_refused_change_leaves_no_history(mette, nord_course):
    # covers REL-01: the history is written in the change's transaction, so a conflict leaves none
    citizen = nord_course.citizen
    with pytest.raises(EditConflict):
        citizen_services.update_citizen(
            by=mette, context=None, citizen=citizen, first_name="Ny", version=citizen.version + 5
        )

    assert Change.objects.count() == 0


def test_the_citizen_page_shows_the_history_with_cpr_masked(client_for, mette, nord_course):
    # covers PRIV-02, PRIV-03: the history is on screen, and CPR numbers in it are masked
    citizen = nord_course.citizen
    citizen_services.update_citizen(
        by=mette, context=None, citizen=citizen, last_name="Storm", cpr="0203154231",
        birth_date=datetime.date(2015, 3, 2),
    )  # fmt: skip

    html = client_for(mette).get(reverse("citizens:citizen_detail", args=[citizen.pk]))

    page = html.content.decode()
    assert "Ændringshistorik" in page
    assert "Mikkelsen" in page  # the old name, readable
    assert "010315-****" in page
    assert "020315-****" in page
    assert "0103154234" not in page
    assert "0203154231" not in page


def test_staff_see_only_the_changes_of_courses_they_may_see(
    client_for, mette, sofie, intervention, tree, nord_course
):
    # covers ACL-02: a change in a sibling unit's course stays in that unit
    citizen = nord_course.citizen
    theirs = citizen_services.create_course(
        by=sofie, context=None, citizen=citizen, intervention=intervention, unit=tree.syd,
        start_date=ON, responsible=[sofie],
    )  # fmt: skip
    citizen_services.update_course(
        by=sofie, context=None, course=theirs, end_date=datetime.date(2025, 5, 1),
        status=Course.Status.DISCONTINUED,
    )  # fmt: skip

    page = client_for(mette).get(reverse("citizens:citizen_detail", args=[citizen.pk]))

    assert "Afbrudt" not in page.content.decode()
    assert "Ingen rettelser endnu." in page.content.decode()


def test_the_edit_form_never_holds_the_full_cpr(client_for, mette, nord_course):
    # covers PRIV-02: the number is masked in the form; empty keeps it, new replaces, tick removes
    citizen = nord_course.citizen
    client = client_for(mette)
    url = reverse("citizens:update_citizen", args=[citizen.pk])

    page = client.get(url).content.decode()
    assert "0103154234" not in page
    assert "010315-****" in page

    form = {"first_name": "Freja", "last_name": "Mikkelsen", "cpr": "", "birth_date": "2015-03-01"}
    form |= {"gender": "kvinde", "version": citizen.version}
    assert client.post(url, form).status_code == 302
    citizen.refresh_from_db()
    assert citizen.cpr == "0103154234"  # empty kept the number

    form |= {"version": citizen.version, "remove_cpr": "on"}
    assert client.post(url, form).status_code == 302
    citizen.refresh_from_db()
    assert citizen.cpr is None
    assert history(citizen) == [("borger", "CPR-nummer", "0103154234", "")]


def test_a_new_course_for_another_citizen_is_not_in_this_history(mette, intervention, tree):
    first = make_course(mette, intervention, tree.nord, "Ea", "Først")
    second = make_course(mette, intervention, tree.nord, "To", "Anden")
    citizen_services.update_citizen(
        by=mette, context=None, citizen=second.citizen, first_name="Tove"
    )

    assert history(first.citizen) == []
    assert history(second.citizen) == [("borger", "Fornavn", "To", "Tove")]
