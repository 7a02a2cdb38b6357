import pytest

from lovende.audit.services import set_log_reviewer
from lovende.organisation import services as org_services
from lovende.organisation.models import Role, User
from tests.conftest import Tree, make_staff


@pytest.fixture
def rikke(tree: Tree) -> User:
    """Logkontrollant at the forvaltning: reads the access log, sees no citizen on her own."""
    user = make_staff(tree.organisation, "rikke", "Rikke", "Vang")
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.CONSULTANT)
    return set_log_reviewer(user=user, reviewer=True)
