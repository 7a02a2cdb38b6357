"""Personas and culture objects for the learning-culture tests, built with the app's services."""

import datetime

import pytest
from django.utils import timezone

from lovende.culture import services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from tests.conftest import make_staff


@pytest.fixture
def pia(tree):
    """Development consultant at the forvaltning: leads the culture everywhere."""
    user = make_staff(tree.organisation, "pia", "Pia", "Engblomst")
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return user


@pytest.fixture
def hanne(tree):
    """Team leader of Nord only: leads Nord's culture, not Syd's."""
    user = make_staff(tree.organisation, "hanne", "Hanne", "Lyng")
    org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.LEADER, management_level=4)
    return user


@pytest.fixture
def landmark(lars, tree):
    landmark = services.create_landmark(
        by=lars, unit=tree.department, theme="Effektivt teamsamarbejde"
    )
    services.add_statement(
        by=lars, landmark=landmark, text="Teamet er større end de enkelte medlemmer."
    )
    return landmark


def make_point(by, **overrides):
    fields = {
        "source": "fejl",
        "what_happened": "Vi glemte at sende indkaldelsen til netværksmødet.",
        "learned": "En fast tjekliste før netværksmøder hjælper alle.",
        "do_now": "Tjeklisten ligger i mødeskabelonen.",
    }
    return services.create_learning_point(by=by, **{**fields, **overrides})


def make_recognition(by, **overrides):
    fields = {
        "behaviour": "deler",
        "description": "Delte en fejl fra et hjemmebesøg på teammødet.",
        "recognised_on": timezone.localdate() - datetime.timedelta(days=3),
    }
    return services.create_recognition(by=by, **{**fields, **overrides})


def make_concern(by, **overrides):
    fields = {"description": "Dokumentationen tager tid fra familierne."}
    return services.raise_concern(by=by, **{**fields, **overrides})
