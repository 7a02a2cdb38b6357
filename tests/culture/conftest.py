"""Personas and culture objects for the learning-culture tests, built with the app's services."""

import datetime

import pytest
from django.utils import timezone

from lovende.culture import services, survey_services
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


# Culture surveys and leaders' 360° feedback (part B) ------------------------------------------

NORD_COLLEAGUES = (("anna", "Anna", "Berg"), ("bo", "Bo", "Dam"), ("carl", "Carl", "Friis"),
                   ("dorte", "Dorte", "Kjær"))  # fmt: skip


@pytest.fixture
def nord_team(tree, mette):
    """Mette and four colleagues: the five employees of Familiebehandling Nord."""
    team = [mette]
    for username, first, last in NORD_COLLEAGUES:
        user = make_staff(tree.organisation, username, first, last)
        org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.EMPLOYEE)
        team.append(user)
    return team


@pytest.fixture
def culture_round(lars, tree, landmark, nord_team):
    """An open culture survey for Nord, asking the department's landmark statement."""
    return survey_services.open_survey_round(
        by=lars,
        unit=tree.nord,
        title="Kulturmåling efterår",
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )


def answer(survey, user, value=4, comment=""):
    answers = {item.pk: value for item in survey.items.all()}
    return survey_services.answer_survey(by=user, survey=survey, answers=answers, comment=comment)
