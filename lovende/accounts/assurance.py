"""NSIS assurance levels read from an ID token's ``acr`` claim (SECURITY AUTH-01). Pure.

NSIS has three ordered levels: lav < betydelig < høj. Identity providers spell them in
different ways (the NSIS URIs of the Danish Agency for Digital Government, OIOSAML's
``.../loa/Substantial``, plain words). The exact ``acr`` value a municipality's IdP sends must be
confirmed with that IdP and, if it is not one of the spellings below, configured as
``LOVENDE_OIDC_ACR_VALUES="value=betydelig"``.
"""

LEVELS = ("lav", "betydelig", "hoej")

KNOWN_VALUES = {
    "https://data.gov.dk/concept/core/nsis/loa/Low": "lav",
    "https://data.gov.dk/concept/core/nsis/loa/Substantial": "betydelig",
    "https://data.gov.dk/concept/core/nsis/loa/High": "hoej",
    "http://eid.digst.dk/loa/low": "lav",
    "http://eid.digst.dk/loa/substantial": "betydelig",
    "http://eid.digst.dk/loa/high": "hoej",
    "lav": "lav",
    "low": "lav",
    "betydelig": "betydelig",
    "substantial": "betydelig",
    "hoej": "hoej",
    "høj": "hoej",
    "high": "hoej",
}


def parse_values(text: str) -> dict[str, str]:
    """``"urn:a=betydelig,urn:b=hoej"`` → ``{"urn:a": "betydelig", ...}``; refuses unknown levels."""
    values = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        value, sep, level = pair.rpartition("=")
        level = normalise_level(level)
        if not sep or not value or level is None:
            raise ValueError(f"not value=level with a level in {LEVELS}: {pair!r}")
        values[value.strip()] = level
    return values


def normalise_level(name: str) -> str | None:
    level = KNOWN_VALUES.get(name.strip().lower())
    return level if level in LEVELS else None


def level_of(acr: object, extra: dict[str, str] | None = None) -> str | None:
    """The NSIS level an ``acr`` value stands for, or None if it is missing or unknown."""
    if not isinstance(acr, str):
        return None
    known = {**KNOWN_VALUES, **(extra or {})}
    return known.get(acr) or known.get(acr.strip().lower())


def meets(acr: object, minimum: str, extra: dict[str, str] | None = None) -> bool:
    """Whether ``acr`` is at least ``minimum``; an unknown or missing value never is."""
    level = level_of(acr, extra)
    wanted = normalise_level(minimum)
    if level is None or wanted is None:
        return False
    return LEVELS.index(level) >= LEVELS.index(wanted)
