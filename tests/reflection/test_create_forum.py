import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.organisation import services as org_services
from lovende.reflection import services
from lovende.reflection.models import MeetingForum
from tests.reflection.conftest import at, make_forum

pytestmark = pytest.mark.django_db


def form_data(intervention, **overrides):
    data = {
        "level": "indsats",
        "name": "Kvartalsmøde om familiebehandling",
        "intervention": intervention.pk,
        "unit": "",
        "purpose": "Drøftelse af jeres samlede indsats.",
        "meeting_form": "Faglig udvikling.",
        "frequency_weeks": 13,
        "duration_minutes": 120,
        "participant_roles": ["indsatsens_medarbejdere"],
        "content_template": "Gennemgang af data\nRefleksion over data",
        "relevant_data": "Progression på tværs af forløb.",
    }
    return {**data, **overrides}


def test_it_lets_a_leader_create_a_forum(client_for, lars, mette, intervention):
    data = form_data(intervention, participants=[mette.pk])

    response = client_for(lars).post(reverse("reflection:create_forum"), data)

    forum = MeetingForum.objects.get(name="Kvartalsmøde om familiebehandling")
    assert response.status_code == 302
    assert response["Location"] == reverse("reflection:forum_detail", args=[forum.pk])
    assert list(forum.participants.all()) == [mette]
    assert forum.agenda_lines() == ["Gennemgang af data", "Refleksion over data"]
    assert forum.organisation == intervention.organisation


def test_it_refuses_a_meeting_of_zero_minutes_in_the_form(client_for, lars, intervention):
    data = form_data(intervention, duration_minutes=0)

    response = client_for(lars).post(reverse("reflection:create_forum"), data)

    assert response.status_code == 422
    assert "Et møde skal vare mindst ét minut." in response.content.decode()
    assert not MeetingForum.objects.exists()


def test_it_refuses_a_duration_of_zero_in_the_service(lars, intervention):
    with pytest.raises(ValidationError) as error:
        make_forum(lars, intervention, duration_minutes=0)

    assert error.value.message_dict["duration_minutes"] == ["Et møde skal vare mindst ét minut."]


def test_it_refuses_a_frequency_of_zero_in_the_service(lars, intervention):
    with pytest.raises(ValidationError) as error:
        make_forum(lars, intervention, frequency_weeks=0)

    assert "mindst én uge" in error.value.message_dict["frequency_weeks"][0]


def test_it_refuses_an_unknown_level(lars, intervention):
    with pytest.raises(ValidationError) as error:
        make_forum(lars, intervention, level="kommune")

    assert "Ukendt niveau" in error.value.message_dict["level"][0]


def test_it_refuses_an_unknown_level_in_the_form(client_for, lars, intervention):
    response = client_for(lars).post(
        reverse("reflection:create_forum"), form_data(intervention, level="kommune")
    )

    assert response.status_code == 422
    assert not MeetingForum.objects.exists()


def test_it_needs_an_intervention_below_organisation_level(lars, intervention):
    with pytest.raises(ValidationError) as error:
        make_forum(lars, None, level="borger")

    assert "intervention" in error.value.message_dict


def test_it_allows_an_organisation_level_forum_without_intervention(lars):
    forum = make_forum(lars, None, level="organisation", name="Chefmøde")

    assert forum.intervention is None


def test_it_refuses_a_unit_where_the_intervention_is_not_delivered(lars, intervention, tree):
    sibling = org_services.create_unit(
        organisation=tree.organisation, name="Sundhedspleje", kind="afdeling", parent=tree.root
    )

    with pytest.raises(ValidationError) as error:
        make_forum(lars, intervention, unit=sibling)

    assert "leveres ikke" in error.value.message_dict["unit"][0]


def test_it_refuses_participants_from_another_organisation(lars, karin, intervention):
    with pytest.raises(ValidationError) as error:
        make_forum(lars, intervention, participants=[karin])

    assert "participants" in error.value.message_dict


def test_it_refuses_forum_setup_to_employees(client_for, mette, intervention):
    response = client_for(mette).post(reverse("reflection:create_forum"), form_data(intervention))

    assert response.status_code == 403
    assert not MeetingForum.objects.exists()


def test_it_updates_the_agenda_of_planned_meetings(lars, forum):
    future = services.schedule_meetings(
        by=lars, forum=forum, first_starts_at=at(2099, 1, 5), count=1
    )[0]

    services.update_forum(by=lars, forum=forum, content_template="Nyt punkt")

    future.refresh_from_db()
    assert future.agenda == ["Nyt punkt"]


def test_it_lets_a_leader_change_a_forum(client_for, lars, forum, intervention):
    data = form_data(intervention, name="Nyt navn", frequency_weeks=6)

    response = client_for(lars).post(reverse("reflection:update_forum", args=[forum.pk]), data)

    forum.refresh_from_db()
    assert response.status_code == 302
    assert (forum.name, forum.frequency_weeks) == ("Nyt navn", 6)
