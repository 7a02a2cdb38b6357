"""Forms for a target unit's own work. Each turns its fields into the arguments of the service
(``unit_work``) of the same name; the services check everything again."""

from collections.abc import Iterable

from django import forms
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lovende.scaling import readiness, unit_work
from lovende.scaling.limits import MAX_TEXT
from lovende.scaling.models import Element, FidelityAnswer, PracticeMapping, TargetUnit


class ReadinessForm(forms.Form):
    """A score and a note per checklist item: ``score_<key>`` and ``note_<key>``."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(score), f"{score} – {_(label)}") for score, label in readiness.SCORES]
        choices.append(("", _("Ikke vurderet")))
        for item in readiness.ITEMS:
            self.fields[f"score_{item.key}"] = forms.TypedChoiceField(
                label=_(item.name),
                help_text=_(item.question),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{item.key}"] = forms.CharField(
                label=_("Note til «%(item)s»") % {"item": _(item.name)},
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(target: TargetUnit) -> dict:
        initial = {}
        for row in target.readiness.all():
            initial[f"score_{row.item}"] = str(row.score) if row.score is not None else ""
            initial[f"note_{row.item}"] = row.note
        return initial

    def areas(self) -> list[tuple[str, list[tuple[readiness.Item, BoundField, BoundField]]]]:
        return [
            (
                _(label),
                [
                    (item, self[f"score_{item.key}"], self[f"note_{item.key}"])
                    for item in readiness.ITEMS
                    if item.area == area
                ],
            )
            for area, label in readiness.AREAS
        ]

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {item.key: data[f"score_{item.key}"] for item in readiness.ITEMS},
            "notes": {item.key: data[f"note_{item.key}"] for item in readiness.ITEMS},
        }


class MappingForm(forms.Form):
    """Per current core element, how it fits the unit's practice and what the unit does today."""

    def __init__(self, *args: object, elements: Iterable[Element], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.elements = list(elements)
        choices = [*PracticeMapping.Fit.choices, ("", _("Ikke kortlagt endnu"))]
        for element in self.elements:
            self.fields[f"fit_{element.key}"] = forms.ChoiceField(
                label=_("Forhold til vores praksis"),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"practice_{element.key}"] = forms.CharField(
                label=_("Det gør vi i dag"),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def initial_for(target: TargetUnit) -> dict:
        initial = {}
        for row in target.mappings.all():
            initial[f"fit_{row.element_key}"] = row.fit
            initial[f"practice_{row.element_key}"] = row.existing_practice
        return initial

    def rows(self) -> list[tuple[Element, BoundField, BoundField]]:
        return [(e, self[f"fit_{e.key}"], self[f"practice_{e.key}"]) for e in self.elements]

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "fits": {e.key: data[f"fit_{e.key}"] for e in self.elements},
            "practices": {e.key: data[f"practice_{e.key}"] for e in self.elements},
        }


class TacitKnowledgeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Det ved vi, som ikke står nogen steder"),
        help_text=gettext_lazy(
            "Erfaringer, greb og hensyn, som enheden bruger i praksis, men som ingen har skrevet "
            "ned: hvad gør vi, når …, hvem ved hvad, hvad har vi lært af borgerne."
        ),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class FidelityForm(forms.Form):
    """A date, an answer and a note per current core element, and a note on the whole check."""

    checked_on = forms.DateField(
        label=gettext_lazy("Dato for tjekket"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: object, elements: Iterable[Element], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.elements = list(elements)
        self.fields["checked_on"].initial = timezone.localdate()
        for element in self.elements:
            self.fields[f"level_{element.key}"] = forms.ChoiceField(
                label=_("Følger vi det?"),
                choices=FidelityAnswer.Level.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Svar ja, delvist eller nej.")},
            )
            self.fields[f"note_{element.key}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=unit_work.MAX_ANSWER_NOTE,
            )
        self.fields["note"] = forms.CharField(
            label=_("Note om tjekket"),
            required=False,
            max_length=MAX_TEXT,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def rows(self) -> list[tuple[Element, BoundField, BoundField]]:
        return [(e, self[f"level_{e.key}"], self[f"note_{e.key}"]) for e in self.elements]

    def arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "checked_on": data["checked_on"],
            "levels": {e.key: data[f"level_{e.key}"] for e in self.elements},
            "notes": {e.key: data[f"note_{e.key}"] for e in self.elements},
            "note": data["note"],
        }
