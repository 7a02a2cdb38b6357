"""Forms that turn a page of plain fields into an instrument definition (no code, no JSON)."""

from collections.abc import Mapping

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lovende.instruments import library
from lovende.interventions.models import Intervention

RESPONDENT_CHOICES = [
    ("citizen", _("Borgeren")),
    ("parent", _("En forælder")),
    ("employee", _("Medarbejderen")),
]
DIRECTION_CHOICES = [
    ("higher_better", _("En høj score er bedst")),
    ("lower_better", _("En lav score er bedst")),
]
SCORING_CHOICES = [
    ("sum", _("Summen af svarene")),
    ("mean", _("Gennemsnittet af svarene")),
    ("linear", _("Summen omregnet: sum × faktor + forskydning")),
]
RELIABLE_CHOICES = [
    ("", _("Ingen")),
    ("fixed", _("Et fast antal point")),
    ("jacobson_truax", _("Beregnet efter Jacobson–Truax ud fra SD og reliabilitet")),
]
# Definition keys this page does not edit; a revision or a copy carries them over unchanged.
KEPT_KEYS = ("purpose", "kind")
CUTOFFS = ("cutoff", "cutoff2")
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
KEY_LENGTH = 40


def number_field(
    label: str,
    *,
    required: bool = True,
    help_text: str = "",
    initial: float | None = None,
    width: str = "xs",
) -> forms.FloatField:
    """A short text field for a number; a Danish decimal comma works as well as a point."""
    return forms.FloatField(
        label=label,
        required=required,
        help_text=help_text,
        initial=initial,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": f"input-width-{width}"}),
    )


def text_field(
    label: str, *, max_length: int, required: bool = True, width: str = "xl"
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.TextInput(attrs={"class": f"input-width-{width}"}),
    )


def plain(value: float | None) -> float | int | None:
    """Whole numbers as int, so the stored JSON reads 10 and not 10.0."""
    if value is None or not float(value).is_integer():
        return value
    return int(value)


class InstrumentForm(forms.Form):
    name = text_field(_("Navn"), max_length=200)
    code = forms.SlugField(
        label=_("Kode"),
        max_length=40,
        help_text=_(
            "Et kort, entydigt navn med små bogstaver, tal og bindestreg, fx trivsel-unge. "
            "Koden kan ikke ændres bagefter."
        ),
    )
    respondent = forms.ChoiceField(label=_("Hvem svarer"), choices=RESPONDENT_CHOICES)
    self_report = forms.BooleanField(
        label=_("Borgeren kan selv udfylde skemaet på en tablet"), required=False
    )
    sources = forms.CharField(
        label=_("Kilder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Én kilde pr. linje: hvor spørgsmål, grænser og tal kommer fra."),
    )
    scoring_method = forms.ChoiceField(label=_("Beregning"), choices=SCORING_CHOICES)
    factor = number_field(
        _("Faktor"), required=False, help_text=_("Kun ved omregning. WHO-5 ganger med 4.")
    )
    offset = number_field(
        _("Forskydning"), required=False, help_text=_("Kun ved omregning. Lægges til sidst.")
    )
    direction = forms.ChoiceField(label=_("Hvad er bedst"), choices=DIRECTION_CHOICES)
    cutoff_value = number_field(_("Klinisk grænse"), required=False)
    cutoff_label = text_field(_("Tekst"), max_length=200, required=False, width="l")
    cutoff_inclusive = forms.BooleanField(
        label=_("Selve grænseværdien hører til det kliniske område"), required=False
    )
    cutoff2_value = number_field(_("Anden grænse"), required=False)
    cutoff2_label = text_field(_("Tekst"), max_length=200, required=False, width="l")
    cutoff2_inclusive = forms.BooleanField(
        label=_("Selve grænseværdien hører til området"), required=False
    )
    reliable_method = forms.ChoiceField(label=_("Regel"), choices=RELIABLE_CHOICES, required=False)
    reliable_value = number_field(
        _("Antal point"), required=False, help_text=_("Ved et fast antal point.")
    )
    reliable_sd = number_field(
        _("Standardafvigelse (SD)"), required=False, help_text=_("Ved Jacobson–Truax.")
    )
    reliable_reliability = number_field(
        _("Reliabilitet (r)"),
        required=False,
        help_text=_("Ved Jacobson–Truax: fra 0 til under 1, fx Cronbachs alfa."),
    )

    def __init__(self, *args: object, creating: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["code"]

    def clean(self) -> dict:
        data = super().clean()
        for prefix in CUTOFFS:
            value_field = f"{prefix}_value"
            if data.get(f"{prefix}_label") and value_field in data and data[value_field] is None:
                self.add_error(value_field, gettext("Angiv grænsens værdi, eller slet teksten."))
        if data.get("cutoff2_value") is not None and data.get("cutoff_value", 0) is None:
            self.add_error(
                "cutoff_value", gettext("Udfyld den kliniske grænse før den anden grænse.")
            )
        return data

    def unbound_copy(self) -> "InstrumentForm":
        """The same values as typed, not validated: for a page that only adds rows."""
        initial = {name: self[name].value() for name in self.fields}
        return InstrumentForm(initial=initial, creating="code" in self.fields)

    def definition(self, items: list[dict], base: Mapping) -> dict:
        """The definition the page describes; what it does not edit comes from ``base``."""
        data = self.cleaned_data
        return {
            **{key: base[key] for key in KEPT_KEYS if key in base},
            "respondent": data["respondent"],
            "items": items,
            "scoring": self._scoring(),
            "direction": data["direction"],
            "cutoffs": self._cutoffs(),
            "reliable_change": self._reliable_change(),
            "subscales": kept_subscales(base, {item["key"] for item in items}),
            "sources": [line.strip() for line in data["sources"].splitlines() if line.strip()],
            "self_report": data["self_report"],
        }

    def _scoring(self) -> dict:
        data = self.cleaned_data
        if data["scoring_method"] != "linear":
            return {"method": data["scoring_method"]}
        # A missing factor stays None, so the definition check names the problem in Danish.
        offset = 0 if data["offset"] is None else data["offset"]
        return {"method": "linear", "factor": plain(data["factor"]), "offset": plain(offset)}

    def _cutoffs(self) -> list[dict]:
        data = self.cleaned_data
        default_labels = {"cutoff": gettext("Klinisk grænse"), "cutoff2": gettext("Anden grænse")}
        return [
            {
                "value": plain(data[f"{prefix}_value"]),
                "label": data[f"{prefix}_label"] or default_labels[prefix],
                "inclusive": data[f"{prefix}_inclusive"],
            }
            for prefix in CUTOFFS
            if data[f"{prefix}_value"] is not None
        ]

    def _reliable_change(self) -> dict | None:
        data = self.cleaned_data
        if data["reliable_method"] == "fixed":
            return {"method": "fixed", "value": plain(data["reliable_value"])}
        if data["reliable_method"] == "jacobson_truax":
            return {
                "method": "jacobson_truax",
                "sd": plain(data["reliable_sd"]),
                "reliability": plain(data["reliable_reliability"]),
            }
        return None


def kept_subscales(base: Mapping, keys: set[str]) -> list[dict]:
    """The base's subscales over the items still there; the page cannot edit subscales."""
    kept = []
    for subscale in base.get("subscales", []):
        items = [key for key in subscale.get("items", []) if key in keys]
        if items:
            kept.append({**subscale, "items": items})
    return kept


def initial_from(definition: Mapping) -> dict:
    """The form's starting values for an existing definition."""
    scoring_rule = definition.get("scoring") or {}
    rule = definition.get("reliable_change") or {}
    initial = {
        "name": definition.get("name", ""),
        "respondent": definition.get("respondent", "citizen"),
        "self_report": definition.get("self_report", False),
        "sources": "\n".join(definition.get("sources", [])),
        "scoring_method": scoring_rule.get("method", "sum"),
        "factor": scoring_rule.get("factor"),
        "offset": scoring_rule.get("offset"),
        "direction": definition.get("direction", "higher_better"),
        "reliable_method": rule.get("method", ""),
        "reliable_value": rule.get("value"),
        "reliable_sd": rule.get("sd"),
        "reliable_reliability": rule.get("reliability"),
    }
    for prefix, cutoff in zip(CUTOFFS, definition.get("cutoffs") or [], strict=False):
        initial[f"{prefix}_value"] = cutoff.get("value")
        initial[f"{prefix}_label"] = cutoff.get("label", "")
        initial[f"{prefix}_inclusive"] = cutoff.get("inclusive", False)
    return initial


def copy_initial(name: str, code: str, definition: Mapping) -> dict:
    """Starting values for a new instrument made from an existing one, under a new name."""
    return {
        **initial_from(definition),
        "name": gettext("%(name)s – egen udgave") % {"name": name},
        "code": f"{code}-egen"[:40],
    }


def item_rows(definition: Mapping) -> list[dict]:
    """One formset row per item of ``definition``."""
    rows = []
    for item in definition.get("items", []):
        low, high = item.get("anchors") or ("", "")
        rows.append(
            {
                "key": item["key"],
                "label": item["label"],
                "min": item["min"],
                "max": item["max"],
                "step": item.get("step", 1),
                "low_anchor": low,
                "high_anchor": high,
            }
        )
    return rows


def item_key(text: str) -> str:
    """A key from a label: «Økonomi og bolig» → oekonomi_og_bolig."""
    return slugify(text.translate(DANISH_LETTERS)).replace("-", "_")[:KEY_LENGTH].strip("_")


def unique_keys(rows: list[dict]) -> list[str]:
    """One key per row: its own key if it has one (kept across versions), else one from its text."""
    own_keys = [item_key(row.get("key") or "") for row in rows]
    reserved = set(own_keys)
    taken: set[str] = set()
    keys = []
    for row, own in zip(rows, own_keys, strict=True):
        base = own or item_key(row["label"]) or "spoergsmaal"
        key, number = base, 2
        while key in taken or (not own and key in reserved):
            key, number = f"{base}_{number}", number + 1
        taken.add(key)
        keys.append(key)
    return keys


class ItemForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=KEY_LENGTH)
    label = text_field(_("Tekst"), max_length=300)
    min = number_field(_("Mindste værdi"), width="xxs")
    max = number_field(_("Største værdi"), width="xxs")
    step = number_field(_("Trin"), initial=1, width="xxs")
    low_anchor = text_field(_("Tekst ved mindste værdi"), max_length=100, required=False, width="s")
    high_anchor = text_field(
        _("Tekst ved største værdi"), max_length=100, required=False, width="s"
    )

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("low_anchor"), data.get("high_anchor")
        if bool(low) != bool(high):
            self.add_error(
                "high_anchor" if low else "low_anchor",
                gettext("Skriv en tekst ved begge ender af skalaen, eller ved ingen af dem."),
            )
        return data


ITEM_CONTENT = ("label", "min", "max", "low_anchor", "high_anchor")


class BaseItemFormSet(forms.BaseFormSet):
    """The items as rows; any row may be left empty and is then skipped."""

    def __init__(self, *args: object, extra: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if extra is not None:
            self.extra = extra

    @classmethod
    def get_default_prefix(cls) -> str:
        return "items"

    def _construct_form(self, i: int, **kwargs: object) -> forms.Form:
        # Rows that held an item may be emptied too; an unchanged empty row is not an error.
        return super()._construct_form(i, empty_permitted=True, **kwargs)

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Fjern spørgsmålet")

    def definition_items(self) -> list[dict]:
        """The filled-in, not removed rows as definition items, each with a unique key."""
        rows = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return [
            {
                "key": key,
                "label": row["label"],
                "min": plain(row["min"]),
                "max": plain(row["max"]),
                "step": plain(row["step"]),
                **(
                    {"anchors": [row["low_anchor"], row["high_anchor"]]}
                    if row["low_anchor"]
                    else {}
                ),
            }
            for key, row in zip(unique_keys(rows), rows, strict=True)
        ]

    def with_more_rows(self, more: int = 3) -> "BaseItemFormSet":
        """The rows as typed, not validated, plus ``more`` empty ones ("Flere spørgsmål")."""
        rows, empty = [], 0
        for form in self.forms:
            row = {name: form[name].value() for name in form.fields}
            if row.get("DELETE"):
                continue
            if any(row[name] not in (None, "") for name in ITEM_CONTENT):
                rows.append(row)
            else:
                empty += 1
        return ItemFormSet(initial=rows, extra=empty + more)


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=3, can_delete=True)


class InstallForm(forms.Form):
    code = forms.ChoiceField(
        choices=[(definition["code"], definition["name"]) for definition in library.BUILT_IN]
    )


class InterventionsForm(forms.Form):
    interventions = forms.ModelMultipleChoiceField(
        label=_("Slå måleredskabet til for"),
        queryset=Intervention.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self, *args: object, interventions: QuerySet[Intervention], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interventions"].queryset = interventions
