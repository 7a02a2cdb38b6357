import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.culture import services, starter
from lovende.culture.models import Landmark, LandmarkStatement

pytestmark = pytest.mark.django_db


def test_it_fills_the_seven_example_themes_with_their_statements(lars, tree):
    landmarks = services.start_with_examples(by=lars, unit=tree.department)

    themes = [landmark.theme for landmark in Landmark.objects.filter(unit=tree.department)]
    assert len(landmarks) == 7
    assert themes[0] == "Borgercentrering"
    assert themes[-1] == "Ærlighed og tillid"
    assert LandmarkStatement.objects.count() == sum(len(s) for _, s in starter.EXAMPLE_LANDMARKS)
    assert all(landmark.statements.exists() for landmark in landmarks)


def test_it_refuses_the_examples_twice_in_danish(lars, tree):
    services.start_with_examples(by=lars, unit=tree.department)

    with pytest.raises(ValidationError) as error:
        services.start_with_examples(by=lars, unit=tree.department)

    assert "Der er allerede pejlemærker her" in error.value.messages[0]


def test_it_refuses_a_theme_without_a_name(lars, tree):
    with pytest.raises(ValidationError) as error:
        services.create_landmark(by=lars, unit=tree.nord, theme="  ")

    assert "Giv pejlemærket et tema" in error.value.message_dict["theme"][0]


def test_it_refuses_a_unit_of_another_organisation(lars, karin):
    unit = karin.roles.get().unit

    with pytest.raises(ValidationError) as error:
        services.create_landmark(by=lars, unit=unit, theme="Ærlighed")

    assert error.value.message_dict["unit"] == ["Enheden hører til en anden organisation."]


def test_it_keeps_a_deleted_statement_as_inactive_with_its_pk(client_for, lars, landmark):
    statement = landmark.statements.get()
    url = reverse("culture:delete_statement", args=[statement.pk])

    confirm = client_for(lars).get(url)
    response = client_for(lars).post(url)

    statement.refresh_from_db()
    assert confirm.status_code == 200
    assert response.status_code == 302
    assert statement.active is False
    assert (
        statement.text
        not in client_for(lars).get(reverse("culture:landmark_list")).content.decode()
    )


def test_it_keeps_the_statement_pk_when_the_text_changes(client_for, lars, landmark):
    statement = landmark.statements.get()
    url = reverse("culture:update_statement", args=[statement.pk])

    client_for(lars).post(url, {"text": "Vi står sammen om opgaverne."})

    assert LandmarkStatement.objects.get(pk=statement.pk).text == "Vi står sammen om opgaverne."


def test_it_soft_deletes_a_theme_and_its_statements(client_for, lars, landmark):
    response = client_for(lars).post(reverse("culture:delete_landmark", args=[landmark.pk]))

    landmark.refresh_from_db()
    assert response.status_code == 302
    assert landmark.active is False
    assert not landmark.statements.filter(active=True).exists()


def test_it_lets_a_leader_mark_what_to_change(client_for, lars, landmark):
    data = {"theme": "Teamsamarbejde", "intent": "aendre", "intent_note": "Undgå bebrejdelse."}

    response = client_for(lars).post(reverse("culture:update_landmark", args=[landmark.pk]), data)

    landmark.refresh_from_db()
    assert response.status_code == 302
    assert (landmark.theme, landmark.intent, landmark.get_intent_display()) == (
        "Teamsamarbejde",
        "aendre",
        "Det vil vi ændre",
    )


def test_it_starts_with_the_examples_from_the_button(client_for, lars, tree):
    url = reverse("culture:start_with_examples")

    response = client_for(lars).post(url, {"unit": tree.department.pk})

    assert response.status_code == 302
    assert Landmark.objects.filter(unit=tree.department).count() == 7


def test_it_offers_the_whole_organisation_only_to_leaders_at_the_top(client_for, lars, pia):
    url = reverse("culture:start_with_examples")

    refused = client_for(lars).post(url, {"unit": ""})

    assert refused.status_code == 302
    assert not Landmark.objects.exists()
    client_for(pia).post(url, {"unit": ""})
    assert Landmark.objects.filter(unit=None).count() == 7


def test_it_adds_a_statement_last(client_for, lars, landmark):
    url = reverse("culture:add_statement", args=[landmark.pk])

    client_for(lars).post(url, {"text": "Man kan stole på støtte fra kolleger."})

    texts = list(landmark.statements.values_list("text", flat=True))
    assert texts[-1] == "Man kan stole på støtte fra kolleger."


def test_it_answers_422_to_an_empty_statement(client_for, lars, landmark):
    response = client_for(lars).post(reverse("culture:add_statement", args=[landmark.pk]), {})

    assert response.status_code == 422
    assert "Skriv udsagnet." in response.content.decode()
