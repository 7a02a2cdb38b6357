"""Figures as the page and the Excel file show them: one table model for both, so they agree.

A table is a header and rows of ``Value``s. The template prints ``text``; the Excel export writes
``number`` when there is one and ``text`` otherwise. A hidden count reads "færre end k", a hidden
share "skjult", and a share of nothing "–".
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lovende.analytics.outcomes import CATEGORIES, Group
from lovende.analytics.suppression import Cell


@dataclass(frozen=True)
class Value:
    text: str
    number: float | int | None = None
    hidden: bool = False
    link: str = ""  # a drill-down link on a group label


@dataclass
class Table:
    key: str  # the sheet's name in the Excel file
    caption: str
    header: list[str]
    rows: list[list[Value]] = field(default_factory=list)

    def as_json(self) -> dict:
        """The table as plain JSON (data packs, the API); drill-down links point at live pages
        and are left out."""
        return {
            "key": str(self.key),
            "caption": str(self.caption),
            "header": [str(h) for h in self.header],
            "rows": [
                [{"text": str(v.text), "number": v.number, "hidden": bool(v.hidden)} for v in row]
                for row in self.rows
            ],
        }

    def sheet(self) -> tuple[str, list[str], list[list[object]]]:
        """(title, header, rows) for ``web.xlsx_sheets_response``: numbers stay numbers."""
        return (
            self.key,
            self.header,
            [[v.text if v.number is None else v.number for v in row] for row in self.rows],
        )


def hidden_count() -> Value:
    return Value(_("færre end %(k)s") % {"k": settings.LOVENDE_MIN_CELL}, hidden=True)


def count(cell: Cell, value: int | None = None) -> Value:
    """A count of citizens (``cell``), or another count shown only when that cell is shown."""
    if cell.hidden:
        return hidden_count()
    number = cell.value if value is None else value
    return Value(number_format(number, force_grouping=True), number)


def share(shown: bool, percent: float | None) -> Value:
    if not shown:
        return Value(_("skjult"), hidden=True)
    if percent is None:
        return Value("–")
    return Value(f"{number_format(percent, 1)} %", percent)


def mean(shown: bool, value: float | None) -> Value:
    if not shown:
        return Value(_("skjult"), hidden=True)
    return Value("–") if value is None else Value(number_format(value, 1), value)


def category_labels() -> dict[str, str]:
    return {
        "improved": _("Pålideligt forbedret"),
        "unchanged": _("Ingen pålidelig ændring"),
        "deteriorated": _("Pålideligt forværret"),
    }


def activity_header(first: str) -> list[str]:
    return [
        first,
        _("Borgere"),
        _("Forløb"),
        _("Aktive forløb"),
        _("Aktive forløb målt mindst 2 gange (%)"),
        _("Aktive forløb målt de seneste %(days)s dage (%%)")
        % {"days": settings.LOVENDE_SIGNAL_DAYS},
    ]


def activity_row(label: Value, group: Group) -> list[Value]:
    f, cells = group.figures, group.cells
    active = not cells["active"].hidden
    return [
        label,
        count(cells["citizens"]),
        count(cells["citizens"], f.courses),
        count(cells["active"], f.active),
        share(active, f.share("measured_twice")),
        share(active, f.share("measured_recently")),
    ]


def results_header(first: str) -> list[str]:
    labels = category_labels()
    return [
        first,
        _("Forløb med mindst 2 målinger"),
        *(f"{labels[c]} (%)" for c in CATEGORIES),
        _("I klinisk område ved start (%)"),
        _("I klinisk område nu (%)"),
        _("Seneste borgerfeedback om samarbejdet (SRS/CSRS), gennemsnit"),
        _("Borgerfeedback under grænsen (%)"),
    ]


def results_row(label: Value, group: Group) -> list[Value]:
    f, cells = group.figures, group.cells
    outcome, alliance = not cells["outcome"].hidden, not cells["alliance"].hidden
    return [
        label,
        count(cells["outcome"], f.outcome_courses),
        *(share(outcome, f.share(c)) for c in CATEGORIES),
        share(outcome, f.share("clinical_at_start")),
        share(outcome, f.share("clinical_now")),
        mean(alliance, f.alliance_mean()),
        share(alliance, f.alliance_low_share()),
    ]


def plain(text: str, link: str = "") -> Value:
    return Value(text, link=link)
