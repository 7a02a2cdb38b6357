"""Citizen and course forms. CPR and dates are validated here, in Danish (SECURITY VAL-01)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lovende.citizens import cpr as cpr_numbers
from lovende.citizens.models import Assessment, Citizen, Course, Observation
from lovende.citizens.permissions import units_for_new_courses
from lovende.interventions.models import Intervention
from lovende.organisation.models import Unit, User
from lovende.versioning import VersionField

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
CPR_MESSAGES = {
    "format": _("CPR-nummeret skal være 10 cifre, fx 010190-1234."),
    "date": _("CPR-nummeret indeholder ikke en gyldig dato."),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), input_formats=DATE_FORMATS
    )


class CitizenForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=100)
    last_name = forms.CharField(label=_("Efternavn"), max_length=100)
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        max_length=11,
        required=False,
        help_text=_("Valgfrit. Fødselsdato og køn udfyldes ud fra CPR-nummeret."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    birth_date = date_field(_("Fødselsdato"), required=False)
    gender = forms.ChoiceField(
        label=_("Køn"), choices=[("", "—"), *Citizen.Gender.choices], required=False
    )

    def clean_cpr(self) -> str | None:
        value = self.cleaned_data["cpr"].strip()
        if not value:
            return None
        try:
            return cpr_numbers.parse(value).number
        except cpr_numbers.InvalidCpr as error:
            raise forms.ValidationError(CPR_MESSAGES[error.code]) from None

    def clean(self) -> dict:
        data = super().clean()
        number, birth_date = data.get("cpr"), data.get("birth_date")
        if number:
            info = cpr_numbers.parse(number)
            if birth_date and birth_date != info.birth_date:
                self.add_error("birth_date", _("Fødselsdatoen passer ikke med CPR-nummeret."))
            data["birth_date"] = info.birth_date
            data["gender"] = data.get("gender") or (
                Citizen.Gender.MALE if info.is_male else Citizen.Gender.FEMALE
            )
        elif "cpr" in data:
            if not birth_date:
                self.add_error("birth_date", _("Angiv fødselsdato, når der ikke er et CPR-nummer."))
            if not data.get("gender"):
                self.add_error("gender", _("Angiv køn, når der ikke er et CPR-nummer."))
        if data.get("birth_date") and data["birth_date"] > timezone.localdate():
            self.add_error("birth_date", _("Fødselsdatoen kan ikke ligge i fremtiden."))
        return data


class CourseFieldsMixin(forms.Form):
    """Intervention, unit, dates and staff, limited to what the user may reach."""

    intervention = forms.ModelChoiceField(label=_("Indsats"), queryset=Intervention.objects.none())
    unit = forms.ModelChoiceField(label=_("Enhed"), queryset=Unit.objects.none())
    start_date = date_field(_("Startdato"))
    responsible = forms.ModelMultipleChoiceField(
        label=_("Ansvarlige medarbejdere"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def limit_choices(self, user: User) -> None:
        self.fields["intervention"].queryset = Intervention.objects.filter(
            organisation_id=user.organisation_id
        )
        self.fields["unit"].queryset = units_for_new_courses(user)
        self.fields["responsible"].queryset = User.objects.filter(
            organisation_id=user.organisation_id, is_active=True, roles__citizen_access=True
        ).distinct()


class NewCitizenForm(CitizenForm, CourseFieldsMixin):
    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices(user)
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["responsible"].initial = [user.pk]
        units = self.fields["unit"].queryset
        if units.count() == 1:
            self.fields["unit"].initial = units.first()

    def clean(self) -> dict:
        data = super().clean()
        start, birth = data.get("start_date"), data.get("birth_date")
        if start and birth and start < birth:
            self.add_error("start_date", _("Forløbet kan ikke starte før borgerens fødselsdato."))
        return data


class CourseForm(CourseFieldsMixin):
    end_date = date_field(_("Slutdato"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Course.Status.choices)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.limit_choices(user)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data


class CitizenEditForm(CitizenForm):
    """Correcting a citizen: carries the version shown, so a stale save is refused (REL-02).

    The CPR number is not put into the input (PRIV-02: masked unless revealed on purpose): an
    empty field keeps the number, a new one replaces it, and «Fjern CPR-nummeret» removes it.
    """

    version = VersionField()
    remove_cpr = forms.BooleanField(label=_("Fjern CPR-nummeret"), required=False)

    def __init__(self, *args: object, current_cpr: str | None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.current_cpr = current_cpr
        if current_cpr:
            self.fields["cpr"].help_text = _(
                "Nu: %(masked)s. Lad feltet stå tomt for at beholde CPR-nummeret, "
                "eller skriv et nyt for at rette det."
            ) % {"masked": cpr_numbers.mask(current_cpr)}
        else:
            del self.fields["remove_cpr"]

    def clean_cpr(self) -> str | None:
        return super().clean_cpr() or self.current_cpr

    def clean(self) -> dict:
        if self.cleaned_data.pop("remove_cpr", False):
            self.cleaned_data["cpr"] = None
        return super().clean()


class CourseEditForm(CourseForm):
    """Changing a course: carries the version shown, so a stale save is refused (REL-02)."""

    version = VersionField()


class CloseGoalForm(forms.Form):
    """The goal list's «Afslut» button: the version shown, so a stale close is refused (REL-02)."""

    version = VersionField()


class CourseFilterForm(forms.Form):
    """The filters above the course list; the same filters drive its export."""

    q = forms.CharField(label=_("Søg på navn eller pseudonym"), required=False, max_length=100)
    intervention = forms.ModelChoiceField(
        label=_("Indsats"),
        queryset=Intervention.objects.none(),
        required=False,
        empty_label=_("Alle indsatser"),
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Alle enheder"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle")), ("åbne", _("Åbne")), *Course.Status.choices],
        required=False,
    )
    mine = forms.BooleanField(label=_("Kun forløb, hvor jeg er ansvarlig"), required=False)

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = Intervention.objects.filter(
            organisation_id=user.organisation_id
        )
        self.fields["unit"].queryset = units_for_new_courses(user)

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if any(cpr_numbers.looks_like_cpr(word) for word in query.split()):
            raise forms.ValidationError(
                _(
                    "Søg ikke på CPR-nummer her, for så står det i adressen. Brug CPR-søgningen nederst på siden."
                )
            )
        return query

    def criterion(self) -> str:
        """The filter as text, for the access log."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return " ".join(f"{k}={v}" for k, v in data.items() if v not in (None, "", False))


class CprSearchForm(forms.Form):
    """CPR search is a POST so the number never appears in a URL (PRIV-02)."""

    cpr = forms.CharField(
        label=_("Find borger ud fra CPR-nummer"),
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_cpr(self) -> str:
        try:
            return cpr_numbers.parse(self.cleaned_data["cpr"]).number
        except cpr_numbers.InvalidCpr as error:
            raise forms.ValidationError(CPR_MESSAGES[error.code]) from None


class ObservationForm(forms.Form):
    observed_on = date_field(_("Dato"))
    kind = forms.ChoiceField(label=_("Type"), choices=Observation.Kind.choices)
    text = forms.CharField(label=_("Observation"), widget=forms.Textarea(attrs={"rows": 5}))
    tags = forms.CharField(
        label=_("Mærker"),
        required=False,
        max_length=300,
        help_text=_("Adskil med komma, fx «søvn, skole»."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].initial = timezone.localdate()

    def clean_tags(self) -> list[str]:
        return [tag for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class FeedbackForm(forms.Form):
    given_on = date_field(_("Dato"))
    text = forms.CharField(
        label=_("Borgerens feedback"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Skriv borgerens egne ord om forløbet og samarbejdet."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class AssessmentForm(forms.Form):
    assessed_on = date_field(_("Dato"))
    direction = forms.ChoiceField(
        label=_("Hvordan vurderer du borgerens udvikling?"),
        choices=Assessment.Direction.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Din faglige vurdering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad ser du, og hvad bygger du det på?"),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Mål"), max_length=200)
    expected = forms.CharField(
        label=_("Forventet resultat (0)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Hvordan ser det ud, når målet er nået som forventet?"),
    )
    weight = forms.IntegerField(
        label=_("Vægt"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("1-10: hvor vigtigt målet er i forhold til de andre."),
    )
