"""Quality teams, development points and initiatives for the improvement tests, built with the
apps' own services."""

import datetime

import pytest
from django.utils import timezone

from lovende.improvement import services
from lovende.organisation import services as org_services
from lovende.reflection import services as reflection_services
from tests.reflection.conftest import make_forum, past_meetings


@pytest.fixture
def groups(tree, intervention):
    """Familiebehandling and Psykologi deliver the intervention."""
    family = org_services.create_professional_group(
        organisation=tree.organisation, name="Familiebehandling"
    )
    psychology = org_services.create_professional_group(
        organisation=tree.organisation, name="Psykologi"
    )
    intervention.professional_groups.set([family, psychology])
    return family, psychology


@pytest.fixture
def team(lars, intervention):
    return services.create_team(by=lars, intervention=intervention, name="Kvalitetsteam Familie")


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def point(lars, intervention):
    """An open development point from an intervention-level meeting."""
    forum = make_forum(lars, intervention)
    meeting = past_meetings(lars, forum, count=1)[0]
    return reflection_services.create_development_point(
        by=lars,
        meeting=meeting,
        title="Flere målinger i opstarten",
        description="Vi måler for sjældent de første uger.",
    )


def make_initiative(by, intervention, **overrides):
    fields = {"title": "Mål ved hver session", "aim": "ORS ved 90 %", "aim_date": in_days(90)}
    return services.create_initiative(by=by, intervention=intervention, **{**fields, **overrides})


@pytest.fixture
def initiative(lars, intervention):
    return make_initiative(lars, intervention)
