"""The demo's learning culture: the handbook's landmarks with two intents, a learning log,
recognitions and three concerns, one of them anonymous and one about an initiative."""

import pytest

from lovende.culture.models import Concern, Landmark, LearningPoint, Recognition
from lovende.demo.seed import seed_demo
from lovende.improvement.models import Trial

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_learning_culture(monkeypatch):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
    seed_demo(citizens=60)

    sources = list(LearningPoint.objects.filter(trial=None).values_list("source", flat=True))

    assert Landmark.objects.count() == 7
    assert Landmark.objects.exclude(intent="").count() == 2
    # Five written in the log, and one from each decided trial of the demo's initiatives.
    assert LearningPoint.objects.filter(trial=None).count() == 5
    assert (
        LearningPoint.objects.exclude(trial=None).count()
        == Trial.objects.exclude(learning="").count()
        > 0
    )
    assert sources.count("fejl") == 2
    assert Recognition.objects.count() == 4
    assert Concern.objects.count() == 3
    assert Concern.objects.filter(raised_by=None).count() == 1
    assert Concern.objects.filter(initiative__isnull=False).count() == 1
