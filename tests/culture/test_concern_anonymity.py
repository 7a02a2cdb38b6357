"""An anonymous concern does not name its author through its unit (SDC-02, decision 12).

The security review found that the form preset the person's own unit, so an anonymous concern
about a small team pointed to its author. Now there is no preset unit (empty: the whole
organisation), and an anonymous concern on a unit with fewer than k people is refused.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lovende.culture.models import Concern
from tests.culture.conftest import make_concern

pytestmark = pytest.mark.django_db

SMALL_UNIT = "Færre end 5 personer hører til Familiebehandling Syd"


def test_the_form_presets_no_unit(client_for, sofie):
    # covers SDC-02: the review's finding; Sofie is the only person in Syd
    response = client_for(sofie).get(reverse("culture:raise_concern"))

    form = response.context["form"]
    assert form["unit"].value() in (None, "")
    assert "selected>Familiebehandling Syd" not in response.content.decode()


def test_it_refuses_an_anonymous_concern_on_a_small_unit(client_for, sofie, tree):
    # covers SDC-02
    data = {"description": "Jeg er bekymret.", "unit": tree.syd.pk, "anonymous": "on"}

    response = client_for(sofie).post(reverse("culture:raise_concern"), data)

    assert response.status_code == 422
    body = response.content.decode()
    assert SMALL_UNIT in body
    assert "Vælg en større enhed, eller lad feltet stå tomt" in body
    assert not Concern.objects.exists()
    with pytest.raises(ValidationError, match=SMALL_UNIT):
        make_concern(sofie, unit=tree.syd, anonymous=True)


def test_it_takes_an_anonymous_concern_without_a_unit(client_for, sofie):
    data = {"description": "Jeg er bekymret.", "anonymous": "on"}

    client_for(sofie).post(reverse("culture:raise_concern"), data)

    concern = Concern.objects.get()
    assert concern.unit is None
    assert concern.raised_by is None


def test_it_takes_an_anonymous_concern_on_a_unit_of_at_least_k(sofie, tree, nord_team):
    # Familiebehandling: Nord's five and Sofie
    assert make_concern(sofie, unit=tree.department, anonymous=True).is_anonymous


def test_it_takes_a_named_concern_on_a_small_unit(sofie, tree):
    assert make_concern(sofie, unit=tree.syd).raised_by == sofie
