"""The readiness analysis of a target unit (foranalyse): organisational capacity and professional
competences, each item scored 1–4 with a note. Pure: no Django.

The texts are Danish source strings marked with ``_`` (a no-op here) so makemessages picks them
up; templates translate them when they show them.
"""

from collections.abc import Mapping
from dataclasses import dataclass


def _(text: str) -> str:
    """Mark ``text`` for translation without translating it (this module stays Django-free)."""
    return text


ORGANISATION = "organisation"
COMPETENCES = "kompetencer"
AREAS = (
    (ORGANISATION, _("Organisatorisk kapacitet")),
    (COMPETENCES, _("Faglige kompetencer")),
)

LOWEST = 1
HIGHEST = 4
SCORES = (
    (1, _("Ikke på plads")),
    (2, _("Lidt på plads")),
    (3, _("Overvejende på plads")),
    (4, _("Helt på plads")),
)
WEAKEST = 3  # items the target page names as the weakest


@dataclass(frozen=True)
class Item:
    key: str
    area: str
    name: str
    question: str


ITEMS = (
    Item(
        "ledelse",
        ORGANISATION,
        _("Ledelsesopbakning"),
        _("Bakker ledelsen tydeligt op om indsatsen og om at give den tid og plads?"),
    ),
    Item(
        "tid",
        ORGANISATION,
        _("Tid og ressourcer"),
        _("Er der afsat tid og ressourcer til at lære og udføre indsatsen ved siden af driften?"),
    ),
    Item(
        "moeder",
        ORGANISATION,
        _("Mødestruktur til refleksion"),
        _("Har enheden faste møder, hvor data og praksis drøftes og bruges til refleksion?"),
    ),
    Item(
        "it",
        ORGANISATION,
        _("Dokumentationsredskab og IT"),
        _("Er dokumentationsredskabet i brug, og virker IT og adgange for alle medarbejdere?"),
    ),
    Item(
        "partnere",
        ORGANISATION,
        _("Samarbejdspartnere"),
        _("Kender og er de samarbejdspartnere med, som indsatsen er afhængig af?"),
    ),
    Item(
        "teori",
        COMPETENCES,
        _("Kendskab til indsatsens teori"),
        _("Kender medarbejderne indsatsens forandringsteori og kerneelementer?"),
    ),
    Item(
        "maalgruppe",
        COMPETENCES,
        _("Erfaring med målgruppen"),
        _("Har medarbejderne erfaring med indsatsens målgruppe?"),
    ),
    Item(
        "maaleredskaber",
        COMPETENCES,
        _("Erfaring med måleredskaberne"),
        _("Har medarbejderne brugt indsatsens måleredskaber sammen med borgerne?"),
    ),
    Item(
        "refleksion",
        COMPETENCES,
        _("Refleksion over data"),
        _("Kan medarbejderne læse og drøfte data om borgernes udvikling og bruge dem i praksis?"),
    ),
    Item(
        "forbedring",
        COMPETENCES,
        _("Forbedringsarbejde og afprøvninger"),
        _("Har enheden erfaring med små afprøvninger og systematisk forbedringsarbejde?"),
    ),
)
KEYS = frozenset(item.key for item in ITEMS)
BY_KEY = {item.key: item for item in ITEMS}


@dataclass(frozen=True)
class Summary:
    """The total of the scored items, the most they could score, and the share in per cent."""

    total: int
    maximum: int
    scored: int
    items: int

    @property
    def share(self) -> float | None:
        return round(100 * self.total / self.maximum, 1) if self.maximum else None


def summary(scores: Mapping[str, int | None]) -> Summary:
    """Sum the scored items of the checklist; unscored items and unknown keys do not count."""
    scored = [score for key, score in scores.items() if key in KEYS and score is not None]
    return Summary(sum(scored), HIGHEST * len(scored), len(scored), len(ITEMS))


def weakest(scores: Mapping[str, int | None], n: int = WEAKEST) -> list[Item]:
    """The ``n`` lowest-scored items below the top score, lowest first, in checklist order on ties."""
    order = {item.key: index for index, item in enumerate(ITEMS)}
    low = [
        (score, order[key])
        for key, score in scores.items()
        if key in KEYS and score is not None and score < HIGHEST
    ]
    return [ITEMS[index] for _score, index in sorted(low)[:n]]


def score_label(score: int | None) -> str:
    return dict(SCORES).get(score, _("Ikke vurderet")) if score is not None else _("Ikke vurderet")
