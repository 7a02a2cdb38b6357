"""The promising-practice assessment form: a date, and for each of the eleven elements a score
(1–4), the evidence and the next step."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from lovende.scaling import promising
from lovende.scaling.assessment import score_field
from lovende.scaling.limits import MAX_TEXT


def scale_choices() -> list[tuple[int, str]]:
    return [(value, f"{value} · {_gettext(label)}") for value, label in promising.SCALE]


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Vurderet den"),
        widget=forms.DateInput(
            attrs={"type": "date", "class": "form-input input-width-s"}, format="%Y-%m-%d"
        ),
        error_messages={"required": _("Skriv datoen for vurderingen.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
        help_text=_("Fx hvem der var med til vurderingen."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        for element in promising.ELEMENTS:
            name = _gettext(element.name)
            self.fields[score_field(element.key)] = forms.TypedChoiceField(
                label=_gettext("Score"),
                choices=scale_choices(),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _gettext("Vælg en score for %(element)s.") % {"element": name},
                    "invalid_choice": _gettext(
                        "Scoren for %(element)s skal være et helt tal fra 1 til 4."
                    )
                    % {"element": name},
                },
            )
            self.fields[f"evidence_{element.key}"] = forms.CharField(
                label=_gettext("Belæg"),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
                help_text=_gettext("Hvilke data og erfaringer viser det?"),
            )
            self.fields[f"next_step_{element.key}"] = forms.CharField(
                label=_gettext("Næste skridt"),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
            )

    def elements(self) -> list[dict]:
        """Per element, in the handbook's order: the element and its three bound fields."""
        return [
            {
                "element": element,
                "score": self[score_field(element.key)],
                "evidence": self[f"evidence_{element.key}"],
                "next_step": self[f"next_step_{element.key}"],
            }
            for element in promising.ELEMENTS
        ]

    def scores(self) -> dict[str, dict]:
        """The cleaned answers as the service takes them."""
        data = self.cleaned_data
        return {
            key: {
                "score": data.get(score_field(key)),
                "evidence": data.get(f"evidence_{key}", ""),
                "next_step": data.get(f"next_step_{key}", ""),
            }
            for key in promising.KEYS
        }
