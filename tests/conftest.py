"""Danish personas whose place in the unit tree *is* the permission case (STYLE §11).

| fixture | who                                      | the case it proves                 |
| mette   | medarbejder, Familiebehandling Nord      | own unit: full access              |
| lars    | afdelingsleder (3) over Nord and Syd     | leader above: aggregates only      |
| sofie   | medarbejder, Familiebehandling Syd       | sibling unit: 404                  |
| karin   | medarbejder in Nabo Kommune              | other tenant: 404                  |
| ida     | administrator at the forvaltning         | manages units, people, the log     |
"""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings

from lovende.citizens import services as citizen_services
from lovende.citizens.models import Course
from lovende.instruments import services as instrument_services
from lovende.interventions import services as intervention_services
from lovende.interventions.models import Intervention
from lovende.organisation import services as org_services
from lovende.organisation.models import Organisation, Role, Unit, User

# Argon2 is deliberately slow, and the suite logs in hundreds of times (healthchecks: "For speed").
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

PASSWORD = "test-password-1234"


@dataclass
class Tree:
    organisation: Organisation
    root: Unit
    department: Unit
    nord: Unit
    syd: Unit


def make_staff(organisation: Organisation, username: str, first: str, last: str) -> User:
    return org_services.create_staff(
        organisation=organisation,
        username=username,
        first_name=first,
        last_name=last,
        password=PASSWORD,
    )


@pytest.fixture
def tree(db) -> Tree:
    organisation = Organisation.objects.create(name="Testkommune")
    root = org_services.create_unit(
        organisation=organisation, name="Børn og Familie", kind="forvaltning"
    )
    department = org_services.create_unit(
        organisation=organisation, name="Familiebehandling", kind="afdeling", parent=root
    )
    nord = org_services.create_unit(
        organisation=organisation, name="Familiebehandling Nord", kind="team", parent=department
    )
    syd = org_services.create_unit(
        organisation=organisation, name="Familiebehandling Syd", kind="team", parent=department
    )
    return Tree(organisation, root, department, nord, syd)


@pytest.fixture
def other_organisation(db) -> Organisation:
    return Organisation.objects.create(name="Nabo Kommune")


@pytest.fixture
def intervention(tree: Tree) -> Intervention:
    return intervention_services.save_intervention(
        organisation=tree.organisation,
        name="Familiebehandling",
        target_group="Familier med børn 0-17 år",
        units=[tree.department],
        professional_groups=[],
        status="etableret",
    )


@pytest.fixture
def mette(tree: Tree) -> User:
    user = make_staff(tree.organisation, "mette", "Mette", "Holm")
    org_services.assign_role(user=user, unit=tree.nord, kind=Role.Kind.EMPLOYEE)
    return user


@pytest.fixture
def sofie(tree: Tree) -> User:
    user = make_staff(tree.organisation, "sofie", "Sofie", "Lund")
    org_services.assign_role(user=user, unit=tree.syd, kind=Role.Kind.EMPLOYEE)
    return user


@pytest.fixture
def lars(tree: Tree) -> User:
    user = make_staff(tree.organisation, "lars", "Lars", "Bech")
    org_services.assign_role(
        user=user, unit=tree.department, kind=Role.Kind.LEADER, management_level=3
    )
    return user


@pytest.fixture
def ida(tree: Tree) -> User:
    user = make_staff(tree.organisation, "ida", "Ida", "Krogh")
    org_services.assign_role(user=user, unit=tree.root, kind=Role.Kind.ADMINISTRATOR)
    return user


@pytest.fixture
def karin(other_organisation: Organisation) -> User:
    unit = org_services.create_unit(
        organisation=other_organisation, name="Familiecentret", kind="center"
    )
    user = make_staff(other_organisation, "karin", "Karin", "Dahl")
    org_services.assign_role(user=user, unit=unit, kind=Role.Kind.EMPLOYEE)
    return user


def make_course(
    by: User,
    intervention: Intervention,
    unit: Unit,
    first: str = "Anna",
    last: str = "Jensen",
    cpr: str | None = None,
) -> Course:
    return citizen_services.create_citizen(
        by=by,
        context=None,
        first_name=first,
        last_name=last,
        birth_date=datetime.date(2015, 3, 1),
        gender="kvinde",
        cpr=cpr,
        intervention=intervention,
        unit=unit,
        start_date=datetime.date(2025, 1, 6),
        responsible=[by],
    )


@pytest.fixture
def nord_course(mette: User, intervention: Intervention, tree: Tree) -> Course:
    """A citizen in Familiebehandling Nord, Mette's unit."""
    return make_course(mette, intervention, tree.nord, "Freja", "Mikkelsen", cpr="0103154234")


@pytest.fixture
def syd_course(sofie: User, intervention: Intervention, tree: Tree) -> Course:
    """A citizen in Familiebehandling Syd, the sibling unit."""
    return make_course(sofie, intervention, tree.syd, "Oskar", "Thygesen")


@pytest.fixture
def client_for(client):
    """Log the test client in as one persona: ``client_for(mette)``."""

    def login(user: User):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def ors(tree, intervention):
    instrument = instrument_services.install_builtin(organisation=tree.organisation, code="ors")
    instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    return instrument


@pytest.fixture
def srs(tree, intervention):
    instrument = instrument_services.install_builtin(organisation=tree.organisation, code="srs")
    instrument_services.enable_instrument(instrument=instrument, intervention=intervention)
    return instrument


# --- audit (SECURITY LOG-03): the whole suite runs under a capturing log handler that fails a
# test whose log records carry a CPR number, a citizen name or a session key (tests/log_capture.py)
@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo municipality (60 citizens), seeded once per test module and rolled back after."""
    from django.db import transaction

    from lovende.demo.seed import seed_demo

    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(citizens=60)
        yield
        transaction.set_rollback(True)


from tests.log_capture import log_guard, no_sensitive_log_records  # noqa: E402, F401

# --- end audit ---
