"""The demo's trial actions (PDSA cycles) and measures on the family-treatment initiatives.

"ORS ved hver session" shows the whole method: a weekly process measure with a frozen baseline,
two adopted trials marked on the chart and a shift after them; a balancing measure that stays
put; and a measure derived from Lovende's own data. "Samtale om alliancen" has an adapted trial
and a second cycle under study; the abandoned initiative's trial is recorded as learning.
"""

import datetime
import random

from lovende.improvement import measures, trials
from lovende.improvement.measures import ValueRow
from lovende.improvement.models import Initiative, Measure, Trial
from lovende.organisation.models import User

WEEK = datetime.timedelta(weeks=1)
WEEKS = 30  # weekly values for the last 30 weeks
SESSIONS_PER_WEEK = (28, 44)  # sessions in Nord in a week, low and high
# Share of sessions with an ORS recorded: before the trials, after the first, after the second.
ORS_SHARES = (0.62, 0.74, 0.88)
FIRST_TRIAL_WEEK, SECOND_TRIAL_WEEK = 12, 20  # weeks after the first value


def create_trials_and_measures(initiatives: list[Initiative], today: datetime.date) -> None:
    by_title = {initiative.title: initiative for initiative in initiatives}
    lars = by_title["ORS ved hver session"].created_by
    rng = random.Random(5)  # noqa: S311 - reproducible demo data, not a secret
    first_week = today - WEEKS * WEEK
    _ors_every_session(lars, by_title["ORS ved hver session"], first_week, rng)
    _alliance(lars, by_title["Samtale om alliancen efter anden session"], today)
    _home_visits(lars, by_title["Hjemmebesøg ved første samtale"], today)
    _shorter_referral(lars, by_title["Kortere visitation"], today, rng)


def _trial(by: User, initiative: Initiative, start: datetime.date, days: int, **plan) -> Trial:
    courses = list(trials.course_candidates(by, initiative)[:3])
    return trials.create_trial(
        by=by,
        initiative=initiative,
        start_date=start,
        end_date=start + datetime.timedelta(days=days),
        courses=courses,
        **{"plan": "", "who": "", "where": "", **plan},
    )


def _complete(by: User, trial: Trial, *, happened: str, study: str, decision: str, learning: str):
    trials.record_do(by=by, trial=trial, what_happened=happened, observations="")
    trials.record_study(by=by, trial=trial, study=study)
    trials.decide(
        by=by, trial=trial, decision=decision, learning=learning, decided_on=trial.end_date
    )


def _ors_every_session(
    by: User, initiative: Initiative, first_week: datetime.date, rng: random.Random
) -> None:
    first = _trial(
        by,
        initiative,
        first_week + FIRST_TRIAL_WEEK * WEEK,
        28,
        title="ORS som første punkt i sessionen",
        plan="Behandleren tager ORS som det første, før samtalen går i gang.",
        who="Mette og to kolleger i Nord",
        where="Familiebehandling Nord",
        prediction="Andelen af sessioner med ORS stiger fra omkring 60 % til over 70 %.",
    )
    _complete(
        by,
        first,
        happened="Gennemført i fire uger. ORS blev glemt, når familien kom for sent.",
        study="Andelen steg til omkring 75 %, som forudsagt.",
        decision=Trial.Decision.ADOPT,
        learning="En fast plads i sessionen virker bedre end at huske det til sidst.",
    )
    second = _trial(
        by,
        initiative,
        first_week + SECOND_TRIAL_WEEK * WEEK,
        28,
        title="Påmindelse på tabletten",
        plan="Tabletten viser en påmindelse om ORS, når sessionen åbnes.",
        who="Alle behandlere i Nord",
        where="Familiebehandling Nord",
        prediction="Andelen når 85 %, også når familien kommer for sent.",
    )
    _complete(
        by,
        second,
        happened="Påmindelsen blev slået til for alle i Nord.",
        study="Otte uger i træk over den gamle midterlinje: et skift opad.",
        decision=Trial.Decision.ADOPT,
        learning="Påmindelsen fanger de travle dage.",
    )
    share = measures.create_measure(
        by=by,
        initiative=initiative,
        name="Andel sessioner med ORS registreret",
        kind=Measure.Kind.PROCESS,
        definition="Sessioner i ugen med en ORS-måling ÷ alle sessioner i ugen, Nord.",
        source=Measure.Source.MANUAL,
        chart_type=Measure.ChartType.P,
        direction=Measure.Direction.UP,
        multiply=100,
        baseline_end=first_week + (FIRST_TRIAL_WEEK - 1) * WEEK,
    )
    measures.set_values(by=by, measure=share, rows=_weekly_shares(first_week, rng))
    minutes = measures.create_measure(
        by=by,
        initiative=initiative,
        name="Minutter brugt på registrering pr. session",
        kind=Measure.Kind.BALANCING,
        definition="Gennemsnit af behandlernes egne tidsangivelser i ugen.",
        source=Measure.Source.MANUAL,
        chart_type=Measure.ChartType.I,
        direction=Measure.Direction.DOWN,
    )
    rows = [
        ValueRow(first_week + week * WEEK, round(rng.gauss(4.2, 0.5), 1)) for week in range(WEEKS)
    ]
    measures.set_values(by=by, measure=minutes, rows=rows)
    measures.create_measure(
        by=by,
        initiative=initiative,
        name="Andel aktive forløb med ORS-måling",
        kind=Measure.Kind.OUTCOME,
        definition="Forløb med mindst én ORS-måling i måneden ÷ aktive forløb i måneden.",
        source=Measure.Source.MEASURED_SHARE,
        instrument=initiative.intervention.instruments.get(code="ors"),
        chart_type=Measure.ChartType.P,
        direction=Measure.Direction.UP,
        multiply=100,
    )


def _weekly_shares(first_week: datetime.date, rng: random.Random) -> list[ValueRow]:
    rows = []
    for week in range(WEEKS):
        level = (week >= FIRST_TRIAL_WEEK) + (week >= SECOND_TRIAL_WEEK)
        sessions = rng.randint(*SESSIONS_PER_WEEK)
        recorded = min(sessions, round(sessions * rng.gauss(ORS_SHARES[level], 0.04)))
        rows.append(ValueRow(first_week + week * WEEK, recorded, sessions))
    return rows


def _alliance(by: User, initiative: Initiative, today: datetime.date) -> None:
    first = _trial(
        by,
        initiative,
        today - datetime.timedelta(days=84),
        28,
        title="Spørg ind til SRS efter anden session",
        plan="To behandlere gennemgår SRS-svarene med familien efter anden session.",
        who="Sofie og en kollega i Syd",
        where="Familiebehandling Syd",
        prediction="Færre familier giver lav SRS i tredje session.",
    )
    _complete(
        by,
        first,
        happened="Familierne tog godt imod det, men samtalen blev for lang.",
        study="Lidt færre lave SRS-scorer, men for få forløb til at se et mønster.",
        decision=Trial.Decision.ADAPT,
        learning="Ét fast spørgsmål er nok; en hel gennemgang tager tid fra sessionen.",
    )
    second = _trial(
        by,
        initiative,
        today - datetime.timedelta(days=42),
        42,
        title="Ét fast spørgsmål om alliancen for alle i Syd",
        plan="Alle behandlere i Syd stiller samme spørgsmål om SRS efter anden session.",
        who="Alle behandlere i Syd",
        where="Familiebehandling Syd",
        prediction="Gennemsnitlig SRS stiger, og færre falder efter tredje session.",
    )
    trials.record_do(
        by=by,
        trial=second,
        what_happened="I gang i seks uger.",
        observations="Spørgsmålet fører ofte til en kort snak om, hvad familien savner.",
    )
    measures.create_measure(
        by=by,
        initiative=initiative,
        name="Gennemsnitlig SRS i Syd",
        kind=Measure.Kind.OUTCOME,
        definition="Gennemsnittet af alle SRS-målinger i måneden i Syd.",
        source=Measure.Source.MEAN_SCORE,
        instrument=initiative.intervention.instruments.get(code="srs"),
        chart_type=Measure.ChartType.RUN,
        direction=Measure.Direction.UP,
    )


def _home_visits(by: User, initiative: Initiative, today: datetime.date) -> None:
    trial = _trial(
        by,
        initiative,
        today - datetime.timedelta(days=120),
        42,
        title="Første samtale i hjemmet",
        plan="Første samtale holdes hjemme hos familien.",
        who="To behandlere i Syd",
        where="Familiebehandling Syd",
        prediction="Færre familier udebliver fra første samtale.",
    )
    _complete(
        by,
        trial,
        happened="Udeblivelserne faldt lidt, men transporten tog en time pr. besøg.",
        study="Udeblivelser fra 5 til 3 af 20; tiden til andre familier faldt mærkbart.",
        decision=Trial.Decision.ABANDON,
        learning="Det er relationen, ikke stedet, der får familien til at komme: vi ringer "
        "dagen før i stedet.",
    )


def _shorter_referral(
    by: User, initiative: Initiative, today: datetime.date, rng: random.Random
) -> None:
    start = today - 26 * WEEK
    change = start + 13 * WEEK
    trial = _trial(
        by,
        initiative,
        change,
        28,
        title="Visitation hver uge",
        plan="Visitationsmødet holdes hver uge i stedet for hver anden.",
        who="Lars og visitationsgruppen",
        where="Familiebehandling Nord",
        prediction="Ventetiden til første samtale falder til under 10 dage.",
    )
    _complete(
        by,
        trial,
        happened="Mødet blev kortere, men hyppigere.",
        study="Ventetiden faldt fra omkring 16 til omkring 8 dage.",
        decision=Trial.Decision.ADOPT,
        learning="Kortere og hyppigere møder giver mindre ventetid uden mere mødetid.",
    )
    days = measures.create_measure(
        by=by,
        initiative=initiative,
        name="Dage fra visitation til første samtale",
        kind=Measure.Kind.OUTCOME,
        definition="Gennemsnitligt antal dage for familier visiteret i ugen.",
        source=Measure.Source.MANUAL,
        chart_type=Measure.ChartType.I,
        direction=Measure.Direction.DOWN,
        phase_starts=[change],
    )
    rows = [
        ValueRow(start + week * WEEK, max(1.0, round(rng.gauss(16 if week < 13 else 8, 2), 1)))
        for week in range(26)
    ]
    measures.set_values(by=by, measure=days, rows=rows)
