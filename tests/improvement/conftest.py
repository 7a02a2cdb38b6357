"""Quality teams for the improvement tests, built with the app's own services."""

import pytest

from lovende.improvement import services
from lovende.organisation import services as org_services


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
