"""The demo municipalities' unit trees, professional groups, staff and persona logins."""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from lovende.demo.names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES
from lovende.instruments.models import Instrument
from lovende.interventions.models import Intervention
from lovende.organisation import services
from lovende.organisation.models import Organisation, ProfessionalGroup, Role, Unit, User

DEMO_NAME = "Demo Kommune"
NEIGHBOUR_NAME = "Nabo Kommune"
DEMO_PASSWORD = "demo-lovende-2026"  # noqa: S105 - the published demo password, never in production

K = Unit.Kind
LEADER, EMPLOYEE = Role.Kind.LEADER, Role.Kind.EMPLOYEE
CONSULTANT, ADMINISTRATOR = Role.Kind.CONSULTANT, Role.Kind.ADMINISTRATOR

ROOT = "Børne- og Familieforvaltningen"
FAMILY_CENTRE = "Center for Familie og Forebyggelse"
NORTH, SOUTH = "Familiebehandling Nord", "Familiebehandling Syd"
INFANT_TEAM = "Spædeteamet"
SPEARHEAD, BRIDGE = "Team Spydspidsen", "Team Broen"
SUNFLOWER, EGELY = "Døgninstitutionen Solsikken", "Døgninstitutionen Egely"
NEIGHBOUR_UNIT = "Familiecentret"

# (name, kind, parent), every parent before its children.
DEMO_UNITS = (
    (ROOT, K.ADMINISTRATION, None),
    (FAMILY_CENTRE, K.CENTRE, ROOT),
    ("Familiebehandling", K.DEPARTMENT, FAMILY_CENTRE),
    (NORTH, K.TEAM, "Familiebehandling"),
    (SOUTH, K.TEAM, "Familiebehandling"),
    ("Familiehuset", K.DEPARTMENT, FAMILY_CENTRE),
    (INFANT_TEAM, K.TEAM, "Familiehuset"),
    ("Sundhedspleje", K.DEPARTMENT, FAMILY_CENTRE),
    ("Myndighed Børn og Familie", K.DEPARTMENT, FAMILY_CENTRE),
    ("Center for Unge", K.CENTRE, ROOT),
    ("Ungdomsvejledning", K.DEPARTMENT, "Center for Unge"),
    (SPEARHEAD, K.TEAM, "Ungdomsvejledning"),
    (BRIDGE, K.TEAM, "Ungdomsvejledning"),
    ("Center for Døgn og Anbringelse", K.CENTRE, ROOT),
    ("Døgntilbud", K.DEPARTMENT, "Center for Døgn og Anbringelse"),
    (SUNFLOWER, K.TEAM, "Døgntilbud"),
    (EGELY, K.TEAM, "Døgntilbud"),
)

DEMO_GROUPS = (
    "Myndighed", "Familiebehandling", "Sundhedspleje", "Pædagogik", "Ungdomsvejledning", "Psykologi",
)  # fmt: skip


@dataclass(frozen=True)
class Post:
    """A job: title, professional group and the same role at each of ``units``."""

    units: tuple[str, ...]
    job_title: str
    group: str | None
    kind: str = EMPLOYEE
    level: int | None = None
    count: int = 1


@dataclass(frozen=True)
class Persona:
    """A demo login from DOMAIN.md's table of users."""

    username: str
    first_name: str
    last_name: str
    post: Post
    description: str
    organisation: str = DEMO_NAME


PERSONAS = (
    Persona("mette", "Mette", "Kløverdal", Post((NORTH,), "Familiebehandler", "Familiebehandling"),
            "Familiebehandler i Familiebehandling Nord; ser sine egne borgere og forløb"),
    Persona("sofie", "Sofie", "Hasselkær", Post((SOUTH,), "Familiebehandler", "Familiebehandling"),
            "Familiebehandler i Familiebehandling Syd"),
    Persona("lars", "Lars", "Tjørnelund",
            Post(("Familiebehandling",), "Afdelingsleder", "Familiebehandling", LEADER, 3),
            "Afdelingsleder (3. niveau) for Familiebehandling Nord og Syd; ser kun samlede tal"),
    Persona("hanne", "Hanne", "Lyngvang",
            Post((INFANT_TEAM,), "Faglig leder", "Familiebehandling", LEADER, 4),
            "Faglig leder (4. niveau) af Spædeteamet; ser teamets borgere"),
    Persona("jens", "Jens", "Æblegaard", Post((FAMILY_CENTRE,), "Centerchef", None, LEADER, 2),
            "Centerchef (2. niveau) for Center for Familie og Forebyggelse"),
    Persona("birgitte", "Birgitte", "Havreholm", Post((ROOT,), "Direktør", None, LEADER, 1),
            "Direktør (1. niveau) for Børne- og Familieforvaltningen"),
    Persona("ahmed", "Ahmed", "Pilekær", Post((SPEARHEAD,), "Ungdomskonsulent", "Ungdomsvejledning"),
            "Ungdomskonsulent i Team Spydspidsen"),
    Persona("pia", "Pia", "Engblomst", Post((ROOT,), "Udviklingskonsulent", None, CONSULTANT),
            "Udviklingskonsulent i forvaltningen; sætter indsatser, møder og skalering op"),
    Persona("it-admin", "Ida", "Syrenbakke", Post((ROOT,), "IT-administrator", None, ADMINISTRATOR),
            "Administrator: brugere, enheder, roller og persondata (indsigt, begrænsning, sletning)"),
    Persona("bo", "Bo", "Rørsdal", Post((), "Informationssikkerhedskoordinator", None),
            "Logkontrollant: læser adgangsloggen og laver stikprøvekontrol; ingen rolle i enhederne"),
    Persona("karin", "Karin", "Fjordklit",
            Post((NEIGHBOUR_UNIT,), "Familiebehandler", "Familiebehandling"),
            "Familiebehandler i Nabo Kommune; ser intet fra Demo Kommune", NEIGHBOUR_NAME),
)  # fmt: skip

# Everyone else in Demo Kommune. Generated names; they cannot log in with a password.
DEMO_POSTS = (
    Post(("Center for Unge",), "Centerchef", None, LEADER, 2),
    Post(("Center for Døgn og Anbringelse",), "Centerchef", None, LEADER, 2),
    Post(("Familiehuset",), "Afdelingsleder", "Familiebehandling", LEADER, 3),
    Post(("Sundhedspleje",), "Ledende sundhedsplejerske", "Sundhedspleje", LEADER, 3),
    Post(("Myndighed Børn og Familie",), "Afdelingsleder", "Myndighed", LEADER, 3),
    Post(("Ungdomsvejledning",), "Afdelingsleder", "Ungdomsvejledning", LEADER, 3),
    Post(("Døgntilbud",), "Afdelingsleder", "Pædagogik", LEADER, 3),
    Post((NORTH,), "Teamleder", "Familiebehandling", LEADER, 4),
    Post((SOUTH,), "Teamleder", "Familiebehandling", LEADER, 4),
    Post(("Myndighed Børn og Familie",), "Faglig leder", "Myndighed", LEADER, 4),
    Post((SPEARHEAD, BRIDGE), "Teamleder", "Ungdomsvejledning", LEADER, 4),
    Post((SUNFLOWER,), "Forstander", "Pædagogik", LEADER, 4),
    Post((EGELY,), "Forstander", "Pædagogik", LEADER, 4),
    Post((NORTH,), "Familiebehandler", "Familiebehandling", count=3),
    Post((SOUTH,), "Familiebehandler", "Familiebehandling", count=3),
    Post(("Familiebehandling",), "Psykolog", "Psykologi"),
    Post((INFANT_TEAM,), "Familiebehandler", "Familiebehandling", count=2),
    Post((INFANT_TEAM, "Sundhedspleje"), "Sundhedsplejerske", "Sundhedspleje", count=2),
    Post(("Sundhedspleje",), "Sundhedsplejerske", "Sundhedspleje", count=3),
    Post((INFANT_TEAM, "Myndighed Børn og Familie"), "Myndighedssagsbehandler", "Myndighed"),
    Post(("Myndighed Børn og Familie",), "Myndighedssagsbehandler", "Myndighed", count=3),
    Post((SPEARHEAD,), "Ungdomskonsulent", "Ungdomsvejledning", count=3),
    Post((BRIDGE,), "Ungdomskonsulent", "Ungdomsvejledning", count=2),
    Post((SUNFLOWER,), "Pædagog", "Pædagogik", count=4),
    Post((EGELY,), "Pædagog", "Pædagogik", count=3),
    Post(("Døgntilbud",), "Psykolog", "Psykologi"),
    Post(("Center for Unge",), "Projektleder", None, CONSULTANT),
)


@dataclass(frozen=True)
class Blueprint:
    name: str
    municipality_code: str
    units: tuple[tuple[str, str, str | None], ...]
    groups: tuple[str, ...]
    posts: tuple[Post, ...]
    registrar: str  # the login that registers the seeded citizens
    email_domain: str


DEMO = Blueprint(
    DEMO_NAME, "999", DEMO_UNITS, DEMO_GROUPS, DEMO_POSTS, "it-admin", "demo-kommune.example"
)
NEIGHBOUR = Blueprint(
    NEIGHBOUR_NAME, "998", ((NEIGHBOUR_UNIT, K.CENTRE, None),), ("Familiebehandling",), (),
    "karin", "nabo-kommune.example",
)  # fmt: skip


@dataclass
class Town:
    """One seeded organisation, with its parts looked up by name."""

    organisation: Organisation
    email_domain: str
    units: dict[str, Unit]
    groups: dict[str, ProfessionalGroup]
    staff: dict[str, User] = field(default_factory=dict)
    employees: dict[str, list[User]] = field(default_factory=lambda: defaultdict(list))
    interventions: dict[str, Intervention] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)  # by code
    registrar: User | None = None  # the login that registers the seeded citizens


def build_town(blueprint: Blueprint, rng: random.Random) -> Town:
    """Create the organisation with its units, professional groups, personas and staff."""
    organisation = Organisation.objects.create(
        name=blueprint.name, municipality_code=blueprint.municipality_code
    )
    town = Town(
        organisation=organisation,
        email_domain=blueprint.email_domain,
        units=_create_units(organisation, blueprint.units),
        groups={
            name: services.create_professional_group(organisation=organisation, name=name)
            for name in blueprint.groups
        },
    )
    for persona in PERSONAS:
        if persona.organisation == blueprint.name:
            names = (persona.first_name, persona.last_name)
            _hire(town, persona.post, persona.username, names, DEMO_PASSWORD)
    for post in blueprint.posts:
        for _ in range(post.count):
            names = (rng.choice(FEMALE_FIRST_NAMES + MALE_FIRST_NAMES), rng.choice(SURNAMES))
            _hire(town, post, _free_username(town, *names), names, None)
    town.registrar = town.staff[blueprint.registrar]
    return town


def _create_units(organisation: Organisation, rows: tuple) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for name, kind, parent in rows:
        units[name] = services.create_unit(
            organisation=organisation, name=name, kind=kind, parent=units.get(parent)
        )
    return units


def _hire(
    town: Town, post: Post, username: str, names: tuple[str, str], password: str | None
) -> User:
    user = services.create_staff(
        organisation=town.organisation,
        username=username,
        first_name=names[0],
        last_name=names[1],
        email=f"{username}@{town.email_domain}",
        job_title=post.job_title,
        professional_group=town.groups[post.group] if post.group else None,
        password=password,
    )
    for unit_name in post.units:
        services.assign_role(
            user=user, unit=town.units[unit_name], kind=post.kind, management_level=post.level
        )
        if post.kind == EMPLOYEE:
            town.employees[unit_name].append(user)
    town.staff[username] = user
    return user


ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})


def _free_username(town: Town, first_name: str, last_name: str) -> str:
    base = f"{first_name}.{last_name}".lower().translate(ASCII)
    username, number = base, 1
    while username in town.staff:
        number += 1
        username = f"{base}{number}"
    return username
