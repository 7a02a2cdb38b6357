"""The dashboards' filters. They arrive as GET parameters, so a bad value is a message, not an error."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

DIMENSIONS = (
    ("enhed", _("Enhed")),
    ("faggruppe", _("Faggruppe")),
    ("koen", _("Køn")),
    ("alder", _("Aldersgruppe ved start")),
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """Courses started within a period; either end may be left open."""

    fra = forms.DateField(label=_("Startet fra"), required=False, widget=DATE)
    til = forms.DateField(label=_("Startet til og med"), required=False, widget=DATE)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Slutdatoen ligger før startdatoen. Perioden er ikke brugt."))
            data.pop("fra", None)
            data.pop("til", None)
        return data


class InterventionFilterForm(PeriodForm):
    enhed = forms.TypedChoiceField(
        label=_("Enhed"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _(
                "Enheden findes ikke, eller du ser ikke tal for den. Tallene gælder alle dine enheder."
            )
        },
    )
    opdeling = forms.ChoiceField(label=_("Opdel efter"), choices=DIMENSIONS, required=False)
    maaleredskab = forms.TypedChoiceField(
        label=_("Måleredskab"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Måleredskabet bruges ikke i indsatsen. Tallene gælder det første.")
        },
    )

    def __init__(self, data: dict, *, units: list, instruments: list) -> None:
        super().__init__(data)
        self.fields["enhed"].choices = [("", _("Alle mine enheder")), *units]
        self.fields["maaleredskab"].choices = instruments
        for name in ("enhed", "opdeling", "maaleredskab"):
            self.fields[name].widget.attrs["data-autosubmit"] = ""


class OrganisationFilterForm(PeriodForm):
    maalgruppe = forms.ChoiceField(
        label=_("Målgruppe"),
        required=False,
        error_messages={"invalid_choice": _("Målgruppen findes ikke. Alle indsatser vises.")},
    )

    aar = forms.TypedChoiceField(
        label=_("År for økonomi"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Udgift pr. forløb regnes for dette år."),
        error_messages={
            "invalid_choice": _(
                "Der er ikke registreret udgifter for det år. Udgift pr. forløb gælder det "
                "seneste hele år med udgifter."
            )
        },
    )

    def __init__(
        self, data: dict, *, target_groups: list[str], cost_years: Sequence[int] = ()
    ) -> None:
        super().__init__(data)
        choices = [("", _("Alle målgrupper")), *((group, group) for group in target_groups)]
        self.fields["maalgruppe"].choices = choices
        self.fields["aar"].choices = [
            ("", _("Seneste hele år")),
            *((year, str(year)) for year in sorted(cost_years, reverse=True)),
        ]
        for name in ("maalgruppe", "aar"):
            self.fields[name].widget.attrs["data-autosubmit"] = ""
