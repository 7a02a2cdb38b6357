import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.improvement import services
from lovende.improvement.models import Initiative
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.reflection.models import DevelopmentPoint
from tests.conftest import make_staff
from tests.improvement.conftest import in_days, make_initiative

pytestmark = pytest.mark.django_db


def create_url(intervention):
    return reverse("improvement:create_initiative", args=[intervention.pk])


def form_data(**overrides):
    data = {
        "title": "Mål ved hver session",
        "aim": "ORS ved 90 % af sessionerne",
        "aim_date": in_days(60).isoformat(),
        "unit": "",
        "kind": "organisatorisk",
    }
    return {**data, **overrides}


def test_it_creates_an_initiative_with_the_model_for_improvement(lars, intervention, tree):
    initiative = make_initiative(
        lars,
        intervention,
        unit=tree.nord,
        outcome_measures="Andel forbedrede forløb",
        process_measures="Andel sessioner med ORS",
        balancing_measures="Tid brugt på registrering",
        change_ideas="ORS som fast punkt i starten af sessionen",
        kind=Initiative.Kind.TECHNICAL,
    )

    assert initiative.status == Initiative.Status.IDEA
    assert (initiative.unit, initiative.created_by) == (tree.nord, lars)
    assert initiative.get_kind_display() == "teknisk"


def test_it_moves_an_open_development_point_in_progress(lars, intervention, point):
    initiative = make_initiative(lars, intervention, development_point=point)

    point.refresh_from_db()
    assert initiative.development_point == point
    assert point.status == DevelopmentPoint.Status.IN_PROGRESS


def test_it_leaves_a_closed_development_point_closed(lars, intervention, point):
    point.status = DevelopmentPoint.Status.CLOSED
    point.save()

    make_initiative(lars, intervention, development_point=point)

    point.refresh_from_db()
    assert point.status == DevelopmentPoint.Status.CLOSED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"aim": "  "}, "aim", "Beskriv målet: Hvad vil I opnå?"),
        ({"title": ""}, "title", "Giv forbedringstiltaget en titel."),
        (
            {"aim_date": in_days(-1)},
            "aim_date",
            "Datoen for målet ligger i fortiden. Vælg i dag eller senere.",
        ),
        (
            {"kind": "magisk"},
            "kind",
            "Ukendt type forandring. Vælg organisatorisk, ideologisk eller teknisk.",
        ),
    ],
)
def test_it_refuses_invalid_answers_in_danish(lars, intervention, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        make_initiative(lars, intervention, **overrides)

    assert error.value.message_dict[field] == [message]


def test_it_keeps_an_aim_date_that_has_passed_on_update(lars, initiative):
    services.update_initiative(by=lars, initiative=initiative, aim_date=in_days(-10))

    initiative.refresh_from_db()
    assert initiative.aim_date == in_days(-10)


def test_it_refuses_a_unit_where_the_intervention_is_not_delivered(lars, tree, intervention):
    intervention.units.set([tree.nord])

    with pytest.raises(ValidationError) as error:
        make_initiative(lars, intervention, unit=tree.syd)

    assert "leveres ikke i enheden" in error.value.message_dict["unit"][0]


@pytest.mark.parametrize("persona", ["lars", "ida"])
def test_it_lets_leaders_over_the_intervention_and_admins_create(
    request, client_for, intervention, persona
):
    user = request.getfixturevalue(persona)

    response = client_for(user).post(create_url(intervention), form_data())

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:initiative_detail", args=[initiative.pk])
    assert initiative.created_by == user


def test_it_shows_the_danish_error_for_a_past_aim_date(client_for, lars, intervention):
    response = client_for(lars).post(
        create_url(intervention), form_data(aim_date=in_days(-3).isoformat())
    )

    assert response.status_code == 422
    assert "Datoen for målet ligger i fortiden." in response.content.decode()
    assert not Initiative.objects.exists()


def test_it_refuses_an_employee_with_403(client_for, mette, intervention):
    assert client_for(mette).get(create_url(intervention)).status_code == 403
    assert client_for(mette).post(create_url(intervention), form_data()).status_code == 403
    assert not Initiative.objects.exists()


def test_it_refuses_a_leader_of_a_unit_that_does_not_own_the_intervention(
    client_for, tree, intervention
):
    hanne = make_staff(tree.organisation, "hanne", "Hanne", "Lyng")
    org_services.assign_role(user=hanne, unit=tree.nord, kind=Role.Kind.LEADER, management_level=4)

    assert client_for(hanne).post(create_url(intervention), form_data()).status_code == 403


def test_it_answers_404_to_another_organisation(client_for, karin, intervention):
    assert client_for(karin).post(create_url(intervention), form_data()).status_code == 404
    assert not Initiative.objects.exists()
