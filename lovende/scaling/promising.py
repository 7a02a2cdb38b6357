"""The eleven elements of promising practice (Socialstyrelsen, Hæfte 2, figure 2) and their score
scale, with the profile of an assessment and its change since the one before. Pure: no Django.

The texts are marked with ``_`` (a no-op here) so makemessages picks them up; the views translate
them with gettext.
"""

from collections.abc import Mapping
from dataclasses import dataclass


def _(text: str) -> str:
    """Mark ``text`` for translation without translating it (this module stays Django-free)."""
    return text


@dataclass(frozen=True)
class PracticeElement:
    key: str
    name: str
    question: str  # what the assessor asks


ELEMENTS = (
    PracticeElement(
        "teori",
        _("Teori og viden"),
        _(
            "Bygger indsatsen på en forandringsteori og på viden om, hvad der virker for målgruppen?"
        ),
    ),
    PracticeElement(
        "beskrivelse",
        _("Beskrivelse"),
        _("Er målgruppe, aktiviteter og kerneelementer beskrevet, så andre kan udføre indsatsen?"),
    ),
    PracticeElement(
        "maal",
        _("Mål"),
        _("Har indsatsen klare mål for borgerne, som medarbejderne kender og arbejder efter?"),
    ),
    PracticeElement(
        "refleksion",
        _("Faglig refleksion"),
        _("Reflekterer medarbejderne systematisk over praksis og data i faste mødefora?"),
    ),
    PracticeElement(
        "samarbejde",
        _("Relationelt samarbejde"),
        _("Bygger indsatsen på et tillidsfuldt samarbejde med borgeren, og følger I op på det?"),
    ),
    PracticeElement(
        "tilrettelaeggelse",
        _("Individuel tilrettelæggelse"),
        _("Tilrettelægges forløbet efter den enkelte borgers behov, ressourcer og mål?"),
    ),
    PracticeElement(
        "opfoelgning",
        _("Opfølgning"),
        _(
            "Følger I systematisk op på borgernes udvikling og justerer forløb og indsats efter det?"
        ),
    ),
    PracticeElement(
        "monitorering",
        _("Monitorering"),
        _("Indsamler I løbende data om borgernes progression og om, hvordan indsatsen leveres?"),
    ),
    PracticeElement(
        "overfoerbarhed",
        _("Overførbarhed"),
        _("Kan andre medarbejdere og enheder udføre indsatsen med samme kvalitet?"),
    ),
    PracticeElement(
        "oekonomi",
        _("Økonomi"),
        _("Kender I indsatsens udgifter, og står de mål med det, borgerne får ud af den?"),
    ),
    PracticeElement(
        "virkning",
        _("Virkning"),
        _("Viser data, at borgerne opnår de resultater, indsatsen sigter mod?"),
    ),
)
KEYS = tuple(element.key for element in ELEMENTS)
BY_KEY = {element.key: element for element in ELEMENTS}

MIN_SCORE, MAX_SCORE = 1, 4
SCALE = (
    (1, _("Ikke på plads")),
    (2, _("Påbegyndt")),
    (3, _("Delvist på plads")),
    (4, _("På plads")),
)
LABELS = dict(SCALE)

IMPROVED, DECLINED, UNCHANGED = "op", "ned", "uaendret"


def is_score(value: object) -> bool:
    """True for a whole number on the scale (1–4); booleans are not scores."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and MIN_SCORE <= value <= MAX_SCORE
    )


@dataclass(frozen=True)
class ProfileRow:
    key: str
    name: str
    score: int | None
    previous: int | None

    @property
    def change(self) -> int | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous

    @property
    def direction(self) -> str | None:
        change = self.change
        if change is None:
            return None
        return IMPROVED if change > 0 else DECLINED if change < 0 else UNCHANGED


def profile(
    scores: Mapping[str, int], previous: Mapping[str, int] | None = None
) -> list[ProfileRow]:
    """One row per element in the handbook's order: its score and the previous assessment's."""
    previous = previous or {}
    return [
        ProfileRow(element.key, element.name, scores.get(element.key), previous.get(element.key))
        for element in ELEMENTS
    ]


@dataclass(frozen=True)
class Change:
    improved: tuple[str, ...]  # element keys, in the handbook's order
    declined: tuple[str, ...]
    unchanged: tuple[str, ...]
    total: int  # the sum of the scores now
    previous_total: int | None

    @property
    def total_change(self) -> int | None:
        return None if self.previous_total is None else self.total - self.previous_total


def change_since(scores: Mapping[str, int], previous: Mapping[str, int] | None) -> Change:
    """What moved since the previous assessment: elements up, down and unchanged, and the sum."""
    rows = profile(scores, previous)
    return Change(
        improved=tuple(row.key for row in rows if row.direction == IMPROVED),
        declined=tuple(row.key for row in rows if row.direction == DECLINED),
        unchanged=tuple(row.key for row in rows if row.direction == UNCHANGED),
        total=sum(score for score in scores.values() if score is not None),
        previous_total=sum(previous.values()) if previous else None,
    )


def in_place(scores: Mapping[str, int]) -> int:
    """How many elements are in place (the top of the scale)."""
    return sum(score == MAX_SCORE for score in scores.values())
