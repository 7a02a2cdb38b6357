"""The demo's scaling of family treatment from its pilot unit to three units at different stages.

Nord piloted family treatment in the home; Syd has come to initial implementation, Spædeteamet
is installing it and Døgninstitutionen Egely is exploring it. Each unit is owned by its own
leader, with a dated stage history, local adaptations (one approved in the unit, one with the
quality team, one rejected with a reason) and employees' ideas. Adaptations need the elements
of the description (``demo.description``); without them, only the plan and stages are made.
"""

import datetime

from lovende.demo.interventions import FAMILY
from lovende.demo.quality import TEAM_NAME
from lovende.demo.tree import EGELY, INFANT_TEAM, NORTH, SOUTH, Town
from lovende.demo.unit_work import create_unit_work
from lovende.improvement.models import QualityTeam
from lovende.organisation.models import User
from lovende.scaling import plans
from lovende.scaling.models import ScalingPlan, TargetUnit

# (unit, days ago it joined, [(stage, days ago, what moved it)])
STAGES = (
    (SOUTH, 160, [
        ("installation", 110, "Alle behandlere har været på ORS/SRS-kursus, og vi har aftalt "
                              "faste hjemmebesøg to gange om ugen."),
        ("indledende", 45, "De første ti familier er i gang, og vi måler ved hver samtale."),
    ]),
    (INFANT_TEAM, 95, [
        ("installation", 30, "Sundhedsplejerskerne og familiebehandlerne har kortlagt, hvad vi "
                             "allerede gør, og vi har fået tid til sparring med Nord."),
    ]),
    (EGELY, 20, []),
)  # fmt: skip

# (unit, element key, proposal, reason, days ago, decision or None, note)
ADAPTATIONS = (
    (SOUTH, "moedested",
     "Nogle samtaler holdes i Familiehusets lokaler, når hjemmet er for uroligt til at tale.",
     "Vi kender flere familier, hvor der altid er gæster; så mister vi roen til samtalen.",
     60, "godkendt", "God idé – skriv i journalen, hvor samtalen blev holdt."),
    (SOUTH, "sessionslaengde",
     "Sessioner på 30 minutter i stedet for en time.",
     "Vi kan nå flere familier om ugen.",
     40, "afvist", "For kort til både ORS, samtale og SRS. Prøv 45 minutter, hvis det trænger."),
    (INFANT_TEAM, "hjemmebesoeg",
     "De første tre hjemmebesøg tager familiebehandleren sammen med sundhedsplejersken.",
     "Familierne kender sundhedsplejersken; det giver tillid fra første besøg.",
     12, None, ""),
)  # fmt: skip

# (unit, text, days ago, status, response)
IDEAS = (
    (SOUTH, "En fælles kalender for hjemmebesøg, så vi kan tage med hinanden, når det er svært.",
     50, "afproeves", "Vi prøver det i to måneder og ser på det på teammødet."),
    (INFANT_TEAM, "ORS-kort med billeder til forældre, der ikke læser dansk så godt.",
     20, "overvejes", "Spændende – vi spørger kvalitetsteamet, om billedkortene må bruges."),
    (EGELY, "Forældrene kan få en samtale, når de alligevel er her på besøg.", 10, "ny", ""),
)  # fmt: skip


def create_scaling(town: Town, today: datetime.date) -> None:
    """A scaling plan, its target units, their stages, adaptations and ideas."""
    lars = town.staff["lars"]
    family = town.interventions[FAMILY]
    plan = plans.create_plan(
        by=lars,
        intervention=family,
        name="Familiebehandling i hjemmet til flere enheder",
        pilot_units=[town.units[NORTH]],
        **plans.frame_prefill(family),
        quality_team=QualityTeam.objects.filter(intervention=family, name=TEAM_NAME).first(),
    )
    targets = {
        unit: _target(town, plan, unit, joined, moves, today) for unit, joined, moves in STAGES
    }
    keys = {element.key for element in plans.current_elements(family)}
    for unit, key, proposal, reason, days, decision, note in ADAPTATIONS:
        if key in keys:  # the description may not be there: then no adaptations
            proposed_on = today - _days(days)
            _adaptation(town, targets[unit], key, proposal, reason, proposed_on, decision, note)
    for unit, text, days, status, response in IDEAS:
        idea = plans.propose_idea(
            by=_employee(town, unit), target=targets[unit], text=text,
            proposed_on=today - _days(days),
        )  # fmt: skip
        if status != "ny":
            owner = targets[unit].owner
            plans.respond_to_idea(by=owner, idea=idea, status=status, response=response)
    create_unit_work(list(targets.values()), today)


def _days(days: int) -> datetime.timedelta:
    return datetime.timedelta(days=days)


def _employee(town: Town, unit: str) -> User:
    return town.employees[unit][0]


def _target(
    town: Town, plan: ScalingPlan, unit: str, joined: int, moves: list, today: datetime.date
) -> TargetUnit:
    lars = town.staff["lars"]
    target = plans.add_target(
        by=lars, plan=plan, unit=town.units[unit], added_on=today - _days(joined)
    )
    for stage, days, reason in moves:
        plans.move_stage(
            by=target.owner, target=target, stage=stage, reason=reason,
            changed_on=today - _days(days),
        )  # fmt: skip
    return target


def _adaptation(
    town: Town,
    target: TargetUnit,
    key: str,
    proposal: str,
    reason: str,
    proposed_on: datetime.date,
    decision: str | None,
    note: str,
) -> None:
    employee = _employee(town, target.unit.name)
    adaptation = plans.propose_adaptation(
        by=employee, target=target, element_key=key, proposal=proposal, reason=reason,
        proposed_on=proposed_on,
    )  # fmt: skip
    if decision:
        plans.decide_adaptation(
            by=target.owner, adaptation=adaptation, decision=decision, note=note,
            decided_on=proposed_on + _days(5),
        )  # fmt: skip
