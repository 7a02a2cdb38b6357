"""Roles from the IdP's claims: job role + unit UUID, mapped to permissions (ACL-04)."""

import uuid

import pytest

from lovende.organisation import claims
from lovende.organisation import services as org_services
from lovende.organisation.claims import (
    ADMINISTRATION,
    AGGREGATES,
    CITIZEN_DATA,
    INTERVENTIONS,
    RoleClaim,
)
from lovende.organisation.models import Role, Unit
from lovende.organisation.permissions import aggregate_units, citizen_access_units
from tests.conftest import make_staff

NORD = uuid.UUID("6f1c2a8e-0000-4000-8000-000000000001")
AFD = uuid.UUID("6f1c2a8e-0000-4000-8000-000000000002")


@pytest.mark.parametrize(
    ("bundle", "expected"),
    [
        (["medarbejder@" + str(NORD)], {(AGGREGATES, NORD), (CITIZEN_DATA, NORD)}),
        (["leder:4@" + str(NORD)], {(AGGREGATES, NORD), (CITIZEN_DATA, NORD)}),
        (["leder:3@" + str(AFD)], {(AGGREGATES, AFD)}),  # aggregates only above the frontline
        (["udviklingskonsulent@" + str(AFD)], {(AGGREGATES, AFD), (INTERVENTIONS, AFD)}),
        (
            ["administrator@" + str(AFD)],
            {(AGGREGATES, AFD), (ADMINISTRATION, AFD), (INTERVENTIONS, AFD)},
        ),
        (
            ["medarbejder@" + str(NORD), "leder:3@" + str(AFD)],
            {(AGGREGATES, NORD), (CITIZEN_DATA, NORD), (AGGREGATES, AFD)},
        ),
        ([], set()),
    ],
)
def test_a_claims_bundle_maps_to_the_expected_permissions(bundle, expected):
    # covers ACL-04: the role model is (job role, org-unit UUID scope)
    parsed, problems = claims.parse(bundle)

    assert problems == []
    assert claims.permissions(parsed) == expected


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("medarbejder", "mangler «@enhed»"),
        ("superbruger@" + str(NORD), "ukendt rolle «superbruger»"),
        ("leder@" + str(NORD), "en leder skal have niveau 1–4"),
        ("leder:5@" + str(NORD), "en leder skal have niveau 1–4"),
        ("medarbejder:2@" + str(NORD), "kun ledere har et niveau"),
        ("medarbejder@nord", "«nord» er ikke et UUID"),
        (42, "ikke en tekst"),
    ],
)
def test_an_entry_it_does_not_understand_grants_nothing(entry, problem):
    parsed, problems = claims.parse([entry])

    assert parsed == []
    assert len(problems) == 1
    assert problem in problems[0]
    assert claims.permissions(parsed) == frozenset()


@pytest.mark.django_db
def test_syncing_makes_the_roles_exactly_the_claimed_ones(tree, other_organisation):
    # covers ACL-04: a claim can only name units of the user's own organisation
    user = make_staff(tree.organisation, "central", "Central", "Styret")
    org_services.assign_role(user=user, unit=tree.syd, kind=Role.Kind.EMPLOYEE)
    foreign = org_services.create_unit(organisation=other_organisation, name="Fremmed", kind="team")
    bundle = [
        f"medarbejder@{tree.nord.uuid}",
        f"leder:3@{tree.department.uuid}",
        f"administrator@{foreign.uuid}",
        f"medarbejder@{uuid.uuid4()}",
    ]

    added, removed, problems = org_services.sync_roles_from_claims(
        user=user, claims=claims.parse(bundle)[0]
    )

    assert (added, removed, len(problems)) == (2, 1, 2)
    assert set(Role.objects.filter(user=user).values_list("unit__name", "kind")) == {
        ("Familiebehandling Nord", "medarbejder"),
        ("Familiebehandling", "leder"),
    }
    assert set(citizen_access_units(user)) == {tree.nord}
    assert tree.syd in set(aggregate_units(user))


@pytest.mark.django_db
def test_a_changed_level_replaces_the_role_and_an_empty_claim_removes_all(tree):
    user = make_staff(tree.organisation, "central", "Central", "Styret")
    org_services.sync_roles_from_claims(user=user, claims=[RoleClaim("leder", tree.nord.uuid, 3)])

    org_services.sync_roles_from_claims(user=user, claims=[RoleClaim("leder", tree.nord.uuid, 4)])
    assert list(
        Role.objects.filter(user=user).values_list("management_level", "citizen_access")
    ) == [(4, True)]

    assert org_services.sync_roles_from_claims(user=user, claims=[]) == (0, 1, [])
    assert not citizen_access_units(user).exists()


@pytest.mark.django_db
def test_every_unit_gets_its_own_uuid(tree):
    assert len({unit.uuid for unit in Unit.objects.all()}) == Unit.objects.count() == 4


@pytest.mark.django_db
def test_assigning_an_unknown_role_kind_is_refused(tree):
    from django.core.exceptions import ValidationError

    user = make_staff(tree.organisation, "ny", "Ny", "Medarbejder")
    with pytest.raises(ValidationError, match="Ukendt rolle"):
        org_services.assign_role(user=user, unit=tree.nord, kind="employee")
    assert not user.roles.exists()
