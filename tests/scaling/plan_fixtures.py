"""Fixtures for scaling plans: family treatment described with core and adaptable elements, a
plan from the pilot Nord with Lars's quality team, and Syd as a target unit led by Susanne.

``tests/scaling/conftest.py`` star-imports them (only the names in ``__all__``).
"""

import pytest

from lovende.improvement import services as improvement_services
from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.scaling import plans
from lovende.scaling.models import Description, Element
from tests.conftest import make_staff

CORE = (("ors-srs", "ORS og SRS i hver samtale"), ("hjemmebesoeg", "Hjemmebesøg"))
ADAPTABLE = (("moedested", "Mødested"), ("sessionslaengde", "Sessionslængde"))

__all__ = ["elements", "plan", "quality_team", "susanne", "target", "youth", "youth_leader"]


@pytest.fixture
def elements(intervention, ida):
    description = Description.objects.create(
        intervention=intervention, version=1, target_group="Familier", goals="Trivsel",
        created_by=ida,
    )  # fmt: skip
    for kind, rows in ((Element.Kind.CORE, CORE), (Element.Kind.ADAPTABLE, ADAPTABLE)):
        for order, (key, name) in enumerate(rows):
            Element.objects.create(
                description=description, key=key, kind=kind, name=name, order=order
            )
    return description


@pytest.fixture
def quality_team(lars, intervention):
    team = improvement_services.create_team(
        by=lars, intervention=intervention, name="Kvalitetsteam Familie"
    )
    improvement_services.add_member(
        by=lars, team=team, user=lars, role="teamleder", position="leder"
    )
    return team


@pytest.fixture
def plan(lars, intervention, tree, elements, quality_team):
    return plans.create_plan(
        by=lars,
        intervention=intervention,
        name="Familiebehandling til flere enheder",
        pilot_units=[tree.nord],
        **plans.frame_prefill(intervention),
        quality_team=quality_team,
    )


@pytest.fixture
def susanne(tree):
    """Teamleder (4th level) of Syd: the target unit's own leader, not in the quality team."""
    user = make_staff(tree.organisation, "susanne", "Susanne", "Vind")
    org_services.assign_role(user=user, unit=tree.syd, kind=Role.Kind.LEADER, management_level=4)
    return user


@pytest.fixture
def target(lars, plan, tree, susanne):
    return plans.add_target(by=lars, plan=plan, unit=tree.syd, owner=susanne)


@pytest.fixture
def youth(tree):
    """A unit outside the department that owns the intervention: it does not deliver it yet."""
    return org_services.create_unit(
        organisation=tree.organisation, name="Ungeteamet", kind="team", parent=tree.root
    )


@pytest.fixture
def youth_leader(tree, youth):
    user = make_staff(tree.organisation, "yasmin", "Yasmin", "Holt")
    org_services.assign_role(user=user, unit=youth, kind=Role.Kind.LEADER, management_level=4)
    return user
