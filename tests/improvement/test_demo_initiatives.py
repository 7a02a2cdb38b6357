"""The demo has an initiative at every status of the board, one grown from a development point."""

import pytest

from lovende.demo.seed import seed_demo
from lovende.improvement.models import Initiative
from lovende.reflection.models import DevelopmentPoint

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_initiative_at_every_status(monkeypatch):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
    seed_demo(citizens=60)

    statuses = set(Initiative.objects.values_list("status", flat=True))
    grown = Initiative.objects.get(development_point__isnull=False)

    assert statuses == set(Initiative.Status.values)
    assert grown.development_point.status == DevelopmentPoint.Status.IN_PROGRESS
