"""The demo's improvement initiatives for family treatment: one at every status of the board.

The first grows from the development point of the intervention-level meeting, so the demo shows
the way from a meeting to an initiative; its development point is then "i gang".
"""

import datetime

from lovende.demo.interventions import FAMILY
from lovende.demo.tree import NORTH, SOUTH, Town
from lovende.improvement import services
from lovende.improvement.models import Initiative
from lovende.reflection.models import DevelopmentPoint

Status = Initiative.Status
Kind = Initiative.Kind

# (title, unit, status, kind, days from today to the aim date, aim, change ideas)
INITIATIVES = [
    (
        "Samtale om alliancen efter anden session",
        SOUTH,
        Status.TESTING,
        Kind.IDEOLOGICAL,
        120,
        "Færre familier i Syd med faldende SRS efter tredje session: under 10 % inden sommer.",
        "Spørg ind til SRS-svarene allerede efter anden session.",
    ),
    (
        "ORS ved hver session",
        NORTH,
        Status.IMPLEMENTING,
        Kind.TECHNICAL,
        60,
        "ORS registreret ved mindst 90 % af sessionerne.",
        "ORS som fast første punkt; påmindelse på tabletten.",
    ),
    (
        "Fælles opstartsmøde med PPR",
        None,
        Status.PLANNED,
        Kind.ORGANISATIONAL,
        180,
        "Alle skolebørn har et opstartsmøde med PPR inden fjerde uge.",
        "Fast mødetid hver anden uge med PPR.",
    ),
    (
        "Forældregruppe om aftenen",
        None,
        Status.IDEA,
        Kind.ORGANISATIONAL,
        270,
        "Flere fædre deltager i forløbet.",
        "",
    ),
    (
        "Kortere visitation",
        NORTH,
        Status.DONE,
        Kind.ORGANISATIONAL,
        14,
        "Første samtale senest 10 dage efter visitationen.",
        "Visitation hver uge i stedet for hver anden.",
    ),
    (
        "Hjemmebesøg ved første samtale",
        SOUTH,
        Status.ABANDONED,
        Kind.ORGANISATIONAL,
        30,
        "Færre udeblivelser fra første samtale.",
        "Første samtale i hjemmet. Opgivet: transporttiden tog for meget fra andre familier.",
    ),
]


def create_initiatives(town: Town, today: datetime.date) -> list[Initiative]:
    lars = town.staff["lars"]
    intervention = town.interventions[FAMILY]
    point = DevelopmentPoint.objects.filter(intervention=intervention).first()
    initiatives = []
    for number, (title, unit, status, kind, days, aim, ideas) in enumerate(INITIATIVES):
        initiative = services.create_initiative(
            by=lars,
            intervention=intervention,
            development_point=point if number == 0 else None,
            title=title,
            unit=town.units[unit] if unit else None,
            aim=aim,
            aim_date=today + datetime.timedelta(days=days),
            outcome_measures="Andel forløb med pålidelig fremgang i ORS.",
            process_measures="Andel sessioner med ORS og SRS registreret.",
            balancing_measures="Tid brugt på registrering pr. session.",
            change_ideas=ideas,
            kind=kind,
        )
        initiatives.append(
            services.set_initiative_status(by=lars, initiative=initiative, status=status)
        )
    return initiatives
