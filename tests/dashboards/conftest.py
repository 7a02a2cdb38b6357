"""A small caseload with figures worked out by hand (see test_intervention_overview.py).

Familiebehandling Nord has six citizens, Syd two. ORS first → latest per course:

| course | unit | gender | ORS        | change | category     | clinical start → now |
| n1     | Nord | kvinde | 20 → 28    | +8     | improved     | yes → no             |
| n2     | Nord | kvinde | 18 → 26    | +8     | improved     | yes → no             |
| n3     | Nord | kvinde | 22 → 24    | +2     | unchanged    | yes → yes            |
| n4     | Nord | kvinde | 30 → 31    | +1     | unchanged    | no → no              |
| n5     | Nord | mand   | 26 → 19    | −7     | deteriorated | no → yes             |
| n6     | Nord | mand   | 15 → 25    | +10    | improved     | yes → no             |
| s1     | Syd  | kvinde | 20 → 30    | +10    | improved     | yes → no             |
| s2     | Syd  | mand   | 21         |        | (one only)   |                      |

Every course also has one SRS twenty days ago: 38, except n5 with 30.
"""

import datetime

import pytest
from django.utils import timezone

from lovende.citizens import services as citizen_services
from lovende.measurements import services as measurement_services
from tests.conftest import make_course

ORS_KEYS = ("individuelt", "relationer", "socialt", "generelt")
SRS_KEYS = ("relation", "maal_og_emner", "tilgang", "generelt")
START = datetime.date(2025, 1, 6)
CASES = [
    ("Nord", "Astrid", "Holmgaard", "kvinde", [20, 28], 38),
    ("Nord", "Bodil", "Krænsen", "kvinde", [18, 26], 38),
    ("Nord", "Cecilie", "Vangsted", "kvinde", [22, 24], 38),
    ("Nord", "Dorte", "Lyngsøe", "kvinde", [30, 31], 38),
    ("Nord", "Erik", "Fjeldborg", "mand", [26, 19], 30),
    ("Nord", "Frode", "Sandvad", "mand", [15, 25], 38),
    ("Syd", "Gitte", "Overgaard", "kvinde", [20, 30], 38),
    ("Syd", "Hans", "Ellekilde", "mand", [21], 38),
]
NAMES = [f"{first} {last}" for _unit, first, last, *_rest in CASES]


def answers(keys: tuple[str, ...], total: float) -> dict[str, float]:
    return dict.fromkeys(keys, total / 4)


def add_case(by, intervention, unit, first, last, gender, ors_scores, srs, ors, srs_instrument):
    course = make_course(by, intervention, unit, first, last)
    if gender != "kvinde":
        citizen_services.update_citizen(by=by, context=None, citizen=course.citizen, gender=gender)
    for week, score in enumerate(ors_scores):
        measurement_services.record_measurement(
            by=by, context=None, course=course, instrument=ors,
            answers=answers(ORS_KEYS, score), measured_on=START + datetime.timedelta(weeks=week),
        )  # fmt: skip
    measurement_services.record_measurement(
        by=by, context=None, course=course, instrument=srs_instrument,
        answers=answers(SRS_KEYS, srs),
        measured_on=timezone.localdate() - datetime.timedelta(days=20),
    )  # fmt: skip
    return course


@pytest.fixture
def caseload(tree, intervention, mette, sofie, ors, srs):
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    return [
        add_case(
            units[unit][1], intervention, units[unit][0], first, last, gender, scores, s, ors, srs
        )
        for unit, first, last, gender, scores, s in CASES
    ]
