"""Roles from the municipal IdP's claims: job role + unit UUID, as KOMBIT and OS2rollekatalog send.

A municipality that runs its access control centrally sends each user's roles with the login,
as "job-function role + data restriction". Lovende's role is exactly that pair: what a person
does (employee, leader at a level, development consultant, administrator) and the unit (by UUID)
at and below which they do it. ``parse`` reads the claim strictly: an entry it does not
understand grants nothing and is reported. ``permissions`` is the pure map from roles to what
they let a person do, so the whole mapping is testable without a database (ACL-04).

Claim entries have the form ``<rolle>[:<niveau>]@<enhedens UUID>``, e.g.
``medarbejder@6f1c…``, ``leder:4@6f1c…``, ``udviklingskonsulent@…``, ``administrator@…``.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from lovende.organisation.models import Role

CITIZEN_DATA = "borgerdata"  # names and details of citizens in courses at and below the unit
AGGREGATES = "aggregater"  # suppressed figures for the unit and below
ADMINISTRATION = "administration"  # the unit tree, staff and roles of the organisation
INTERVENTIONS = "indsatser"  # setting up interventions and their instruments


@dataclass(frozen=True)
class RoleClaim:
    kind: str
    unit: uuid.UUID
    management_level: int | None

    @property
    def citizen_access(self) -> bool:
        return Role.default_citizen_access(self.kind, self.management_level)


def _parse_one(entry: str) -> RoleClaim:
    role, at, unit = entry.strip().partition("@")
    if not at:
        raise ValueError("mangler «@enhed»")
    kind, colon, level = role.partition(":")
    if kind not in Role.Kind.values:
        raise ValueError(f"ukendt rolle «{kind[:40]}»")
    if kind == Role.Kind.LEADER:
        if not (colon and level.isdigit() and 1 <= int(level) <= 4):
            raise ValueError("en leder skal have niveau 1–4, fx «leder:3@…»")
        management_level = int(level)
    elif colon:
        raise ValueError("kun ledere har et niveau")
    else:
        management_level = None
    try:
        unit_uuid = uuid.UUID(unit.strip())
    except ValueError:
        raise ValueError(f"«{unit[:40]}» er ikke et UUID") from None
    return RoleClaim(kind, unit_uuid, management_level)


def parse(entries: Iterable[str]) -> tuple[list[RoleClaim], list[str]]:
    """The roles the claim grants, and a Danish note per entry that grants nothing."""
    claims: list[RoleClaim] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, str):
            problems.append(f"Rolle nr. {number}: ikke en tekst")
            continue
        try:
            claim = _parse_one(entry)
        except ValueError as error:
            problems.append(f"Rolle nr. {number}: {error}")
            continue
        if claim not in claims:
            claims.append(claim)
    return claims, problems


def permissions(claims: Iterable[RoleClaim]) -> frozenset[tuple[str, uuid.UUID]]:
    """What the roles let a person do, each at a unit (and, by the tree, below it)."""
    granted: set[tuple[str, uuid.UUID]] = set()
    for claim in claims:
        granted.add((AGGREGATES, claim.unit))
        if claim.citizen_access:
            granted.add((CITIZEN_DATA, claim.unit))
        if claim.kind == Role.Kind.ADMINISTRATOR:
            granted.add((ADMINISTRATION, claim.unit))
        if claim.kind in (Role.Kind.ADMINISTRATOR, Role.Kind.CONSULTANT):
            granted.add((INTERVENTIONS, claim.unit))
    return frozenset(granted)
