"""The demo's yearly expenses, so the organisation dashboard can show cost per course.

Realistic budgets for a mid-sized municipality, recorded for last year and, as a budget, for
this year, with a yearly wage and price adjustment. Family treatment also has the year before:
the courses only reach two years back, so that year has too few courses to show its cost per
course (SDC-01). The infant team is a pilot on a grant whose expenses are not recorded yet, so
the dashboard shows "ikke registreret".
"""

import datetime

from lovende.demo.interventions import FAMILY, RESIDENTIAL, YOUTH
from lovende.demo.tree import Town
from lovende.interventions.services import record_intervention_cost

RECORDED_BY = "pia"  # the development consultant keeps the interventions' economy
PRICE_RISE = 0.03  # the yearly wage and price adjustment (pris- og lønfremskrivning)
# Expenses in the last complete year, the years recorded (counted back from this one), and what
# the amount covers.
BUDGETS = {
    FAMILY: (
        5_400_000,
        (2, 1, 0),
        "Løn til ni familiebehandlere og en psykolog, supervision, kørsel og lokaler",
    ),
    RESIDENTIAL: (
        36_000_000,
        (1, 0),
        "Døgntakst for 30 pladser på Solsikken og Egely, inkl. psykolog og forældresamtaler",
    ),
    YOUTH: (2_050_000, (1, 0), "Løn til tre ungdomskonsulenter, praktikvejledning og transport"),
}


def record_costs(town: Town, today: datetime.date) -> None:
    by = town.staff[RECORDED_BY]
    for key, (last_year, years_back, note) in BUDGETS.items():
        for back in years_back:
            year = today.year - back
            amount = int(round(last_year * (1 + PRICE_RISE) ** (1 - back), -4))
            label = f"Budget: {note[0].lower()}{note[1:]}" if back == 0 else note
            record_intervention_cost(
                by=by, intervention=town.interventions[key], year=year, amount=amount, note=label
            )
