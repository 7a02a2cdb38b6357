"""The built-in instrument library: definitions a municipality can enable per intervention.

These are definitions, not licences. ORS/SRS are licensed by their authors; the municipality
makes sure it holds the licence before enabling them. Every number cites its source.
"""

FIT_SOURCE = (
    "Miller, Duncan, Brown, Sparks & Claud (2003), The Outcome Rating Scale; "
    "Duncan et al. (2003), The Session Rating Scale"
)


def _scale_items(
    labels: list[tuple[str, str]], low: float, high: float, step: float, anchors: tuple[str, str]
) -> list[dict]:
    return [
        {
            "key": key,
            "label": label,
            "min": low,
            "max": high,
            "step": step,
            "anchors": list(anchors),
        }
        for key, label in labels
    ]


ORS_ITEMS = [
    ("individuelt", "Individuelt (personligt velbefindende)"),
    ("relationer", "Relationer (familie, nære relationer)"),
    ("socialt", "Socialt (arbejde, skole, venskaber)"),
    ("generelt", "Generelt (samlet følelse af velbefindende)"),
]
SRS_ITEMS = [
    ("relation", "Relationen: jeg følte mig hørt, forstået og respekteret"),
    ("maal_og_emner", "Mål og emner: vi arbejdede med det, jeg ville"),
    ("tilgang", "Tilgang eller metode: måden passer godt til mig"),
    ("generelt", "Generelt: dagens samtale var rigtig for mig"),
]


def _fit(
    code: str,
    name: str,
    items: list,
    cutoff: float,
    cutoff_label: str,
    anchors: tuple[str, str],
    sources: list[str],
    reliable: dict | None,
    respondent: str = "citizen",
) -> dict:
    return {
        "code": code,
        "purpose": "alliance" if reliable is None else "outcome",
        "name": name,
        "respondent": respondent,
        "items": _scale_items(items, 0, 10, 0.1, anchors),
        "scoring": {"method": "sum"},
        "direction": "higher_better",
        "cutoffs": [{"value": cutoff, "label": cutoff_label, "inclusive": False}],
        "reliable_change": reliable,
        "subscales": [],
        "sources": sources,
        "self_report": True,
    }


ORS = _fit(
    "ors",
    "ORS – Outcome Rating Scale (voksne)",
    ORS_ITEMS,
    25,
    "Klinisk grænse 25 (voksne)",
    ("Dårligt", "Godt"),
    [
        FIT_SOURCE,
        "Klinisk grænse 25 og pålidelig ændring 5 point for voksne: Miller et al. (2003).",
    ],
    {"method": "fixed", "value": 5},
)
CORS = _fit(
    "cors",
    "CORS – Child Outcome Rating Scale (børn 6-12 år)",
    ORS_ITEMS,
    32,
    "Klinisk grænse 32 (børn)",
    ("Dårligt", "Godt"),
    [
        "Duncan, Sparks, Miller, Bohanske & Claud (2006), Giving youth a voice: CORS.",
        "Klinisk grænse 32 for børn: Duncan et al. (2006).",
        "Pålidelig ændring 5 point som for ORS (FIT-praksis); kommunen kan justere den.",
    ],
    {"method": "fixed", "value": 5},
)
SRS = _fit(
    "srs",
    "SRS – Session Rating Scale (voksne)",
    SRS_ITEMS,
    36,
    "Alliancen bør drøftes under 36",
    ("Lavt", "Højt"),
    [
        FIT_SOURCE,
        "Under 36, eller et fald fra sidste session, er et signal om at tale om alliancen (FIT-praksis).",
    ],
    None,
)
CSRS = _fit(
    "csrs",
    "CSRS – Child Session Rating Scale (børn 6-12 år)",
    SRS_ITEMS,
    36,
    "Alliancen bør drøftes under 36",
    ("Lavt", "Højt"),
    ["Duncan et al. (2003), CSRS.", "Grænse 36 som for SRS (FIT-praksis)."],
    None,
)

WHO5 = {
    "code": "who5",
    "purpose": "outcome",
    "name": "WHO-5 Trivselsindeks",
    "respondent": "citizen",
    "items": [
        {
            "key": f"who5_{i}",
            "label": label,
            "min": 0,
            "max": 5,
            "step": 1,
            "anchors": ["På intet tidspunkt", "Hele tiden"],
        }
        for i, label in enumerate(
            [
                "Jeg har været glad og i godt humør",
                "Jeg har følt mig rolig og afslappet",
                "Jeg har følt mig aktiv og energisk",
                "Jeg er vågnet frisk og udhvilet",
                "Min dagligdag har været fyldt med ting, der interesserer mig",
            ],
            start=1,
        )
    ],
    "scoring": {"method": "linear", "factor": 4, "offset": 0},
    "direction": "higher_better",
    "cutoffs": [
        {"value": 50, "label": "Nedsat trivsel (50 eller derunder)", "inclusive": True},
        {"value": 28, "label": "Mulig depression (28 eller derunder)", "inclusive": True},
    ],
    "reliable_change": {"method": "fixed", "value": 10},
    "subscales": [],
    "sources": [
        "WHO (1998), Wellbeing Measures in Primary Health Care: 5 spørgsmål 0-5, råscore 0-25 × 4 = 0-100.",
        "Topp, Østergaard, Søndergaard & Bech (2015), The WHO-5 Well-Being Index: a systematic review: "
        "≤ 50 nedsat trivsel, ≤ 28 sandsynlig depression, 10 point er en klinisk relevant ændring.",
    ],
    "self_report": True,
}

GAS = {
    "code": "gas",
    "purpose": "goals",
    "name": "Målopfyldelse (Goal Attainment Scaling)",
    "kind": "gas",
    "respondent": "employee",
    "items": [
        {
            "key": "maal",
            "label": "Målopfyldelse for ét individuelt mål",
            "min": -2,
            "max": 2,
            "step": 1,
            "anchors": ["Meget mindre end forventet", "Meget mere end forventet"],
        },
    ],
    "scoring": {"method": "mean"},
    "direction": "higher_better",
    "cutoffs": [],
    "reliable_change": None,
    "subscales": [],
    "sources": [
        "Kiresuk & Sherman (1968), Goal attainment scaling: mål scores -2 … +2 med vægte w; "
        "T = 50 + 10·Σwx / √((1-ρ)Σw² + ρ(Σw)²), ρ = 0,3."
    ],
    "self_report": False,
}

PROGRESSION_WHEEL = {
    "code": "hjul",
    "purpose": "outcome",
    "name": "Progressionshjul (1-10 på livsområder)",
    "respondent": "citizen",
    "items": _scale_items(
        [
            ("bolig", "Bolig og hverdag"),
            ("helbred", "Fysisk og psykisk helbred"),
            ("relationer", "Familie og relationer"),
            ("netvaerk", "Venner og netværk"),
            ("skole_arbejde", "Skole, uddannelse og arbejde"),
            ("fritid", "Fritid og interesser"),
            ("oekonomi", "Økonomi"),
            ("selvstaendighed", "Selvstændighed og mestring"),
        ],
        1,
        10,
        1,
        ("Har brug for meget hjælp", "Klarer det selv"),
    ),
    "scoring": {"method": "mean"},
    "direction": "higher_better",
    "cutoffs": [],
    "reliable_change": {"method": "fixed", "value": 1},
    "subscales": [],
    "sources": [
        "Udformet som Outcomes Star-lignende progressionshjul (Triangle Consulting); livsområderne kan "
        "tilpasses. Pålidelig ændring sat til 1 point i gennemsnit som lokal praksis, ikke valideret."
    ],
    "self_report": True,
}

BUILT_IN = [ORS, CORS, SRS, CSRS, WHO5, GAS, PROGRESSION_WHEEL]
