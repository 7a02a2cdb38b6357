import ast
from pathlib import Path

import pytest
from django.urls import reverse

from lovende.reflection import defaults
from lovende.reflection.models import Level, ParticipantRole

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "lovende" / "reflection"
PURE = ["defaults.py", "schedule.py", "ical.py", "review.py"]


@pytest.mark.parametrize("module", PURE)
def test_it_keeps_the_pure_modules_free_of_django(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imports = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    }

    assert not [name for name in imports if name and name.split(".")[0] == "django"]


def test_it_suggests_the_handbooks_rhythm_for_each_level():
    citizen = defaults.defaults_for("borger")
    intervention = defaults.defaults_for("indsats")
    organisation = defaults.defaults_for("organisation")

    assert (citizen.frequency_weeks, citizen.duration_minutes) == (2, 30)
    assert (intervention.frequency_weeks, intervention.duration_minutes) == (13, 120)
    assert organisation.frequency_weeks == 26
    assert organisation.duration_note == "Varighed varierer."


def test_it_puts_frontline_staff_in_the_intervention_level_suggestion():
    suggestion = defaults.defaults_for("indsats")

    assert defaults.FRONTLINE_STAFF in suggestion.participant_roles
    assert suggestion.participants.startswith("Alle ledere og medarbejdere")
    assert "Refleksion over data" in suggestion.agenda


def test_it_uses_the_same_codes_as_the_models():
    assert tuple(Level.values) == defaults.LEVELS
    assert tuple(ParticipantRole.values) == defaults.PARTICIPANT_ROLES
    for suggestion in defaults.DEFAULTS.values():
        assert set(suggestion.participant_roles) <= set(ParticipantRole.values)


def test_it_raises_for_an_unknown_level():
    with pytest.raises(KeyError):
        defaults.defaults_for("kommune")


def test_it_fills_the_create_form_from_the_chosen_level(client_for, lars, intervention):
    url = reverse("reflection:create_forum")

    response = client_for(lars).get(url, {"niveau": "borger", "indsats": intervention.pk})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["frequency_weeks"] == 2
    assert form.initial["duration_minutes"] == 30
    assert form.initial["intervention"] == intervention
    assert "Gennemgang af data om det konkrete forløb" in form.initial["content_template"]


def test_it_offers_the_three_levels_first(client_for, lars):
    response = client_for(lars).get(reverse("reflection:create_forum"))

    assert response.status_code == 200
    assert "Vælg indsatsniveau" in response.content.decode()
    assert 'name="frequency_weeks"' not in response.content.decode()


def test_it_explains_an_unknown_level_in_the_address(client_for, lars):
    response = client_for(lars).get(reverse("reflection:create_forum"), {"niveau": "kommune"})

    assert response.status_code == 400
    assert "Ukendt niveau" in response.content.decode()
