"""The demo's culture surveys: two closed rounds with a visible trend, an open one, and Lars's
closed 360° round with a self-assessment and enough answers to show."""

import pytest
from django.db.models import F, Sum
from django.urls import reverse

from lovende.culture.models import AnswerTally, SelfAssessment, SurveyRound
from lovende.demo.seed import seed_demo
from lovende.organisation.models import User

pytestmark = pytest.mark.django_db

THEME = "Opmuntring til udvikling og forbedring"


def _theme_mean(survey):
    sums = AnswerTally.objects.filter(item__round=survey, item__theme=THEME).aggregate(
        total=Sum(F("value") * F("count")), n=Sum("count")
    )
    return sums["total"] / sums["n"]


def test_the_demo_has_survey_rounds_with_a_trend_and_a_360(monkeypatch, client):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
    seed_demo(citizens=60)
    lars = User.objects.get(username="lars")

    spring, autumn = SurveyRound.objects.filter(kind="kultur", status="lukket").order_by("opens_on")
    feedback = SurveyRound.objects.get(kind="leder360", subject=lars)

    assert spring.unit == autumn.unit
    assert _theme_mean(autumn) > _theme_mean(spring) + 0.4
    assert SurveyRound.objects.filter(kind="kultur", status="aaben").count() == 1
    assert feedback.is_closed
    assert feedback.split_groups
    assert SelfAssessment.objects.filter(leader=lars).count() == feedback.items.count()
    client.force_login(lars)
    page = client.get(reverse("culture:survey_detail", args=[autumn.pk])).content.decode()
    assert 'id="trend-spec"' in page
    reflection = client.get(reverse("culture:leader_reflection")).content.decode()
    assert 'id="comparison-spec"' in reflection
