"""The demo's readiness analyses, mappings, tacit knowledge and fidelity checks per target unit.

Every target unit has its readiness analysis; those past exploration have mapped their practice
against the core elements and written down their tacit knowledge; the one in initial
implementation has two fidelity checks, the second better than the first. Written through the
services, by each unit's owner. Mapping and fidelity need the core elements of the demo's
description (ors-srs, egne-maal, hjemmebesoeg, refleksion, tvaerfagligt): without them they
are left out.
"""

import datetime

from lovende.scaling import unit_work
from lovende.scaling.models import TargetUnit

Stage = TargetUnit.Stage

# Scores 1–4 per readiness item, by how far the unit has come
READINESS = {
    Stage.EXPLORATION: {
        "ledelse": 3, "tid": 1, "moeder": 2, "it": 2, "partnere": 3,
        "teori": 1, "maalgruppe": 4, "maaleredskaber": 1, "refleksion": 2, "forbedring": 2,
    },
    Stage.INSTALLATION: {
        "ledelse": 4, "tid": 2, "moeder": 3, "it": 3, "partnere": 3,
        "teori": 3, "maalgruppe": 4, "maaleredskaber": 2, "refleksion": 2, "forbedring": 3,
    },
    Stage.INITIAL: {
        "ledelse": 4, "tid": 3, "moeder": 4, "it": 4, "partnere": 3,
        "teori": 3, "maalgruppe": 4, "maaleredskaber": 3, "refleksion": 3, "forbedring": 3,
    },
}  # fmt: skip
NOTES = {
    "tid": "Sagstallet er højt i vinter; vi har bedt om to timer om ugen til opstarten.",
    "maaleredskaber": "Kun to medarbejdere har brugt ORS og SRS før.",
    "refleksion": "Vi er ikke vant til at se på tal sammen – det skal vi lære i teammøderne.",
    "moeder": "Teammødet hver anden tirsdag kan bruges; der mangler en fast dagsorden.",
    "maalgruppe": "Teamet har arbejdet med familier med børn i alle aldre i mange år.",
}

MAPPING = {
    "ors-srs": ("nyt", "Vi spørger til trivsel i samtalen, men uden et fast redskab."),
    "egne-maal": ("matcher", "Familierne sætter allerede selv mål i handleplanen."),
    "hjemmebesoeg": ("matcher", "Halvdelen af samtalerne foregår hjemme hos familien."),
    "refleksion": ("nyt", "Vi drøfter sager, men ikke data om forløbene."),
    "tvaerfagligt": (
        "konflikt",
        "Skolen deltager i dag kun på skolens møder; vi holder ikke fælles møder i hjemmet.",
    ),
}
TACIT = {
    Stage.INSTALLATION: (
        "Vi ringer altid dagen før et hjemmebesøg, så familien kan sige fra uden at skulle "
        "forklare sig.\n\nNår en far er svær at få med, inviterer vi ham til den første samtale "
        "alene – det har flere gange været vendepunktet."
    ),
    Stage.INITIAL: (
        "Familierne svarer mere ærligt på skalaerne, når barnet ikke sidder med ved den første "
        "måling.\n\nVi har lært at tage SRS-snakken i døren på vej ud: kort og uden papir."
    ),
}
# Two fidelity checks for the unit in initial implementation: the second shows the progress
FIDELITY = (
    (
        70,
        {"ors-srs": "delvist", "egne-maal": "ja", "hjemmebesoeg": "ja", "refleksion": "nej",
         "tvaerfagligt": "nej"},
        {"ors-srs": "Glemmes ved akutte samtaler.", "refleksion": "Ikke i gang endnu."},
        "Første tjek efter opstarten.",
    ),
    (
        14,
        {"ors-srs": "ja", "egne-maal": "ja", "hjemmebesoeg": "ja", "refleksion": "delvist",
         "tvaerfagligt": "delvist"},
        {"refleksion": "Data på hvert andet teammøde.", "tvaerfagligt": "Skolen med i to sager."},
        "ORS og SRS bruges nu i alle samtaler.",
    ),
)  # fmt: skip


def create_unit_work(targets: list[TargetUnit], today: datetime.date) -> None:
    """Readiness, mapping and fidelity for each target unit, as far as its stage has come."""
    for target in targets:
        _readiness(target)
        if target.stage == Stage.EXPLORATION:
            continue
        keys = {element.key for element in unit_work.core_elements(target)}
        _mapping(target, keys)
        unit_work.update_tacit_knowledge(
            by=target.owner, target=target, text=TACIT.get(target.stage, TACIT[Stage.INITIAL])
        )
        if target.stage != Stage.INSTALLATION:
            _fidelity(target, keys, today)


def _readiness(target: TargetUnit) -> None:
    scores = READINESS.get(target.stage, READINESS[Stage.INITIAL])
    notes = {
        key: note for key, note in NOTES.items() if scores.get(key, 4) < 4 or key == "maalgruppe"
    }
    unit_work.update_readiness(by=target.owner, target=target, scores=scores, notes=notes)


def _mapping(target: TargetUnit, keys: set[str]) -> None:
    found = {key: value for key, value in MAPPING.items() if key in keys}
    if found:
        unit_work.update_mapping(
            by=target.owner,
            target=target,
            fits={key: fit for key, (fit, _text) in found.items()},
            practices={key: text for key, (_fit, text) in found.items()},
        )


def _fidelity(target: TargetUnit, keys: set[str], today: datetime.date) -> None:
    if not keys or not keys <= set(FIDELITY[0][1]):
        return  # the demo's answers cover its own core elements only
    for days_ago, levels, notes, note in FIDELITY:
        unit_work.record_fidelity_check(
            by=target.owner,
            target=target,
            checked_on=today - datetime.timedelta(days=days_ago),
            levels={key: levels[key] for key in keys},
            notes={key: text for key, text in notes.items() if key in keys},
            note=note,
        )
