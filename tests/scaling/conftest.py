"""Scaling fixtures: family treatment scaled from its pilot Nord to Syd (``syd_target``).

The core elements are those of the demo: ors-srs, egne-maal, hjemmebesoeg (and one adaptable).
Lars leads Syd from the department above; Mette (Nord) and Sofie (Syd) are employees who read.
"""

import pytest

from lovende.organisation import services as org_services
from lovende.organisation.models import Role
from lovende.scaling.models import Description, Element, ScalingPlan, TargetUnit
from tests.conftest import make_staff

CORE = (("ors-srs", "ORS og SRS i hver samtale"), ("egne-maal", "Familiens egne mål"))
CORE += (("hjemmebesoeg", "Hjemmebesøg"),)


@pytest.fixture
def description(intervention, ida):
    description = Description.objects.create(
        intervention=intervention, version=1, target_group="Familier", goals="Trivsel",
        created_by=ida,
    )  # fmt: skip
    for order, (key, name) in enumerate(CORE):
        Element.objects.create(
            description=description, key=key, kind=Element.Kind.CORE, name=name, order=order
        )
    Element.objects.create(
        description=description, key="moedested", kind=Element.Kind.ADAPTABLE, name="Mødested"
    )
    return description


@pytest.fixture
def scaling_plan(intervention, ida, tree):
    plan = ScalingPlan.objects.create(
        intervention=intervention, name="Familiebehandling til alle", created_by=ida
    )
    plan.pilot_units.add(tree.nord)
    return plan


@pytest.fixture
def syd_target(scaling_plan, tree, lars):
    """Syd takes up the intervention; Lars leads it from the department above."""
    return TargetUnit.objects.create(plan=scaling_plan, unit=tree.syd, owner=lars)


@pytest.fixture
def vest(tree):
    return org_services.create_unit(
        organisation=tree.organisation, name="Familiebehandling Vest", kind="team",
        parent=tree.department,
    )  # fmt: skip


@pytest.fixture
def vibeke(tree, vest):
    user = make_staff(tree.organisation, "vibeke", "Vibeke", "Storm")
    org_services.assign_role(user=user, unit=vest, kind=Role.Kind.EMPLOYEE)
    return user


# Scaling plans, target units and adaptations (plan_fixtures.py)
from tests.scaling.plan_fixtures import *  # noqa: E402, F403 - the plan fixtures
