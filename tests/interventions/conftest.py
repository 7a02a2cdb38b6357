import pytest

from lovende.organisation import services as org_services
from lovende.organisation.models import Role


@pytest.fixture
def pia(tree):
    """Development consultant at the forvaltning: sets up interventions."""
    user = org_services.create_staff(
        organisation=tree.organisation, username="pia", first_name="Pia", last_name="Kjær"
    )
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return user
