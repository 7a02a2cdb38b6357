"""The form for a new version of the intervention's description, and its elements as rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lovende.instruments.models import Instrument
from lovende.interventions.models import Intervention
from lovende.scaling.description import KEY_LENGTH, NAME_LENGTH, TEXT_FIELDS
from lovende.scaling.limits import MAX_TEXT
from lovende.scaling.models import Description, Element

ONE_PER_LINE = _("Én pr. linje.")


def _text(label: str, rows: int = 3, *, required: bool = False, help_text: str = "") -> forms.Field:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "class": "form-input"}),
    )


class DescriptionForm(forms.Form):
    target_group = _text(_("Målgruppe"), 3, required=True, help_text=_("Hvem er indsatsen for?"))
    goals = _text(_("Mål"), 4, required=True, help_text=ONE_PER_LINE)
    resources = _text(
        _("Ressourcer"), 7, help_text=_("Det, indsatsen bygger på: medarbejdere, tid, viden.")
    )
    activities = _text(
        _("Aktiviteter"), 7, help_text=_("Det, medarbejderne gør sammen med borgeren.")
    )
    short_term_outcomes = _text(
        _("Kortsigtede resultater"), 7, help_text=_("Det, der ændrer sig undervejs i forløbet.")
    )
    long_term_outcomes = _text(
        _("Langsigtede resultater"), 7, help_text=_("Det, indsatsen skal føre til for borgeren.")
    )
    assumptions = _text(
        _("Antagelser"),
        4,
        help_text=_("Det, der skal være sandt, for at pilene holder. Én pr. linje."),
    )
    documentation_tools = forms.ModelMultipleChoiceField(
        label=_("Dokumentationsredskaber"),
        queryset=Instrument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Måleredskaberne, der er slået til for indsatsen."),
    )
    documentation_note = _text(
        _("Om dokumentationen"), 3, help_text=_("Hvornår og hvordan I dokumenterer.")
    )
    change_note = _text(
        _("Hvad er ændret og hvorfor"),
        3,
        help_text=_("Enhederne læser det, når de ser den nye version."),
    )

    def __init__(
        self, *args: object, intervention: Intervention, first_version: bool, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documentation_tools"].queryset = intervention.instruments.order_by("name")
        if first_version:
            del self.fields["change_note"]
        else:
            self.fields["change_note"].required = True
            self.fields["change_note"].error_messages["required"] = _(
                "Skriv, hvad der er ændret og hvorfor, så enhederne kan se det."
            )
        self.fields["target_group"].error_messages["required"] = _("Skriv, hvem indsatsen er for.")
        self.fields["goals"].error_messages["required"] = _("Skriv indsatsens mål.")

    @staticmethod
    def initial_from(description: Description | None) -> dict:
        if description is None:
            return {}
        initial = {name: getattr(description, name) for name in TEXT_FIELDS}
        initial["documentation_tools"] = list(description.documentation_tools.all())
        return initial


class ElementForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=KEY_LENGTH)
    # The initial kind makes an untouched empty row unchanged, so it is skipped, not an error.
    kind = forms.ChoiceField(
        label=_("Type"), choices=Element.Kind.choices, initial=Element.Kind.CORE
    )
    name = forms.CharField(
        label=_("Navn"),
        max_length=NAME_LENGTH,
        error_messages={
            "required": _("Giv elementet et navn, eller sæt kryds i «Fjern elementet»."),
        },
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    text = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
    )


class BaseElementFormSet(forms.BaseFormSet):
    """The elements as rows; a row without a name, or ticked for removal, is left out."""

    def __init__(self, *args: object, extra: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if extra is not None:
            self.extra = extra

    @classmethod
    def get_default_prefix(cls) -> str:
        return "elementer"

    def _construct_form(self, i: int, **kwargs: object) -> forms.Form:
        # Only the extra rows may stay empty (Django's default); an unchanged carried-over row
        # must still be validated, or it would have no cleaned data and drop out of the version.
        return super()._construct_form(i, use_required_attribute=False, **kwargs)

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Fjern elementet")

    def element_rows(self) -> list[dict[str, str]]:
        """The kept rows as the service takes them: key, kind, name, text."""
        return [
            {name: form.cleaned_data.get(name, "") for name in ("key", "kind", "name", "text")}
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("name", "").strip()
        ]

    def with_more_rows(self, more: int = 3) -> "BaseElementFormSet":
        """The rows as typed, not validated, plus ``more`` empty ones ("Flere elementer")."""
        rows = [
            {name: form[name].value() or "" for name in ("key", "kind", "name", "text")}
            for form in self.forms
            if (form["name"].value() or "").strip() and not form["DELETE"].value()
        ]
        return ElementFormSet(initial=rows, extra=more)

    @staticmethod
    def initial_from(elements: list[Element]) -> list[dict[str, str]]:
        return [
            {"key": e.key, "kind": e.kind, "name": e.name, "text": e.text}
            for e in sorted(elements, key=lambda e: (e.kind, e.order, e.name))
        ]


ElementFormSet = forms.formset_factory(
    ElementForm, formset=BaseElementFormSet, extra=3, can_delete=True
)
