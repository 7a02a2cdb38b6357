import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lovende.culture.models import Recognition
from tests.culture.conftest import make_recognition

pytestmark = pytest.mark.django_db


def test_it_lets_a_leader_recognise_emerging_learning_culture(client_for, lars, tree):
    data = {
        "behaviour": "forslag",
        "description": "Foreslog en fast tjekliste.",
        "recognised_on": timezone.localdate().isoformat(),
        "recognised": "Team Nord",
        "unit": tree.nord.pk,
    }

    response = client_for(lars).post(reverse("culture:create_recognition"), data)

    recognition = Recognition.objects.get()
    assert response.status_code == 302
    assert recognition.get_behaviour_display() == "Fremsætter forslag til forbedringer"


def test_it_refuses_a_date_in_the_future(lars):
    with pytest.raises(ValidationError) as error:
        make_recognition(lars, recognised_on=timezone.localdate() + datetime.timedelta(days=1))

    assert error.value.message_dict["recognised_on"] == ["Datoen ligger i fremtiden."]


def test_it_counts_per_behaviour_and_never_per_person(client_for, lars, mette):
    make_recognition(lars, recognised="Mette")
    make_recognition(lars, recognised="Mette")
    make_recognition(lars, behaviour="udfordrer", recognised="Team Syd")

    response = client_for(mette).get(reverse("culture:recognition_list"))

    counts = {value: len(items) for value, _label, items in response.context["feed"]}
    assert counts == {
        "feedback": 0,
        "spoergsmaal": 0,
        "udfordrer": 1,
        "deler": 2,
        "forslag": 0,
    }
