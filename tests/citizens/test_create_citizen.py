import datetime

import pytest
from django.urls import reverse

from lovende.citizens.models import Citizen, Course

pytestmark = pytest.mark.django_db


def form_data(tree, intervention, mette, **overrides):
    data = {
        "first_name": "Liva",
        "last_name": "Sørensen",
        "cpr": "120318-4562",
        "birth_date": "",
        "gender": "",
        "intervention": intervention.pk,
        "unit": tree.nord.pk,
        "start_date": "2025-09-01",
        "responsible": [mette.pk],
    }
    return {**data, **overrides}


def test_it_creates_a_citizen_with_a_first_course(client_for, mette, tree, intervention):
    response = client_for(mette).post(
        reverse("citizens:create_citizen"), form_data(tree, intervention, mette)
    )

    citizen = Citizen.objects.get(last_name="Sørensen")
    assert response.status_code == 302
    assert citizen.birth_date == datetime.date(2018, 3, 12)
    assert citizen.gender == Citizen.Gender.FEMALE
    assert citizen.cpr == "1203184562"
    assert citizen.courses.get().responsible.get() == mette


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cpr": "310218-4562"}, "ikke en gyldig dato"),
        ({"cpr": "12031845"}, "10 cifre"),
        ({"cpr": "", "birth_date": ""}, "Angiv fødselsdato"),
        ({"birth_date": "2018-03-13"}, "passer ikke med CPR"),
        ({"start_date": "2010-01-01"}, "før borgerens fødselsdato"),
    ],
)
def test_it_rejects_bad_input_with_a_danish_message_and_saves_nothing(
    client_for, mette, tree, intervention, overrides, message
):
    response = client_for(mette).post(
        reverse("citizens:create_citizen"), form_data(tree, intervention, mette, **overrides)
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Citizen.objects.exists()


def test_it_rejects_a_duplicate_cpr_number(client_for, mette, tree, intervention, nord_course):
    data = form_data(tree, intervention, mette, cpr="0103154234")

    response = client_for(mette).post(reverse("citizens:create_citizen"), data)

    assert response.status_code == 422
    assert "findes allerede en borger med dette CPR-nummer" in response.content.decode()
    assert Citizen.objects.count() == 1


def test_it_refuses_a_unit_outside_the_users_reach(client_for, mette, tree, intervention):
    response = client_for(mette).post(
        reverse("citizens:create_citizen"), form_data(tree, intervention, mette, unit=tree.syd.pk)
    )

    assert response.status_code == 422
    assert not Citizen.objects.exists()


def test_it_returns_404_on_create_for_a_user_without_citizen_access(client_for, lars):
    assert client_for(lars).get(reverse("citizens:create_citizen")).status_code == 404


def test_it_rejects_an_end_date_before_the_start_date(
    client_for, mette, nord_course, intervention, tree
):
    data = {
        "intervention": intervention.pk,
        "unit": tree.nord.pk,
        "start_date": "2025-01-06",
        "end_date": "2024-12-31",
        "status": "afsluttet",
        "responsible": [mette.pk],
    }

    response = client_for(mette).post(
        reverse("citizens:update_course", args=[nord_course.pk]), data
    )

    assert response.status_code == 422
    assert "Slutdatoen kan ikke ligge før startdatoen" in response.content.decode()
    nord_course.refresh_from_db()
    assert nord_course.end_date is None


def test_it_closes_a_course_and_dates_it_today(client_for, mette, nord_course, intervention, tree):
    data = {
        "intervention": intervention.pk,
        "unit": tree.nord.pk,
        "start_date": "2025-01-06",
        "end_date": "",
        "status": "afsluttet",
        "responsible": [mette.pk],
    }

    client_for(mette).post(reverse("citizens:update_course", args=[nord_course.pk]), data)

    nord_course.refresh_from_db()
    assert nord_course.status == Course.Status.COMPLETED
    assert nord_course.end_date is not None


def test_it_adds_a_second_course_for_an_existing_citizen(
    client_for, mette, nord_course, intervention, tree
):
    data = {
        "intervention": intervention.pk,
        "unit": tree.nord.pk,
        "start_date": "2025-06-01",
        "status": "venter",
        "responsible": [mette.pk],
    }

    response = client_for(mette).post(
        reverse("citizens:create_course", args=[nord_course.citizen.pk]), data
    )

    assert response.status_code == 302
    assert nord_course.citizen.courses.count() == 2
