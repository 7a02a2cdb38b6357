"""Measures of an initiative as time series, with their run and control charts.

Everyone in the organisation reads them; those who manage the intervention's quality work
(``permissions.can_manage_teams``) create, change and delete them and enter their values (403
for the others); another organisation's measure answers 404.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.improvement import aggregates, measure_charts, measure_forms, measures, permissions
from lovende.improvement.measure_charts import MeasureSettings, TrialMark
from lovende.improvement.models import Initiative, Measure
from lovende.improvement.series import SUPPRESSED, Point
from lovende.web import run_service, xlsx_response


def _labels() -> dict[str, str]:
    return {
        "date": _("Dato"),
        "value": _("Værdi"),
        "centre": _("Midterlinje"),
        "ucl": _("Øvre kontrolgrænse"),
        "lcl": _("Nedre kontrolgrænse"),
        "phase": _("Fase"),
        "signal": _("Signal"),
        "runs": _("Serieanalyse"),
        "no_runs": _("Intet seriesignal"),
        "shift": _("Skift"),
        "crossings": _("For få krydsninger"),
        "none": _("Almindelig variation"),
        "improvement": _("Forbedring"),
        "concern": _("Forværring"),
        "neutral": _("Signal (retning ikke angivet)"),
        "trial": _("Afprøvning"),
        "period": _("Periode"),
    }


def _texts() -> dict[str, str]:
    return {
        "no_data": _("Ingen data endnu: diagrammet tegnes, når der er værdier."),
        "shift": _(
            "Skift: %(run)s punkter i træk %(side)s midterlinjen %(phase)s – %(verdict)s. "
            "Flere end %(max)s i træk er et signal."
        ),
        "crossings": _(
            "For få krydsninger %(phase)s: antallet af krydsninger af midterlinjen er "
            "%(crossings)s, hvor tilfældig variation ville give mindst %(min)s – %(verdict)s."
        ),
        "sigma": _("Punkt uden for kontrolgrænserne: %(date)s ligger %(side)s – %(verdict)s."),
        "sigmas": _(
            "%(count)s punkter uden for kontrolgrænserne ligger %(side)s – %(verdict)s: %(dates)s."
        ),
        "no_signals": _("Ingen signaler: variationen er tilfældig (almindelig variation)."),
        "counts": _(
            "Længste serie %(phase)s: %(run)s punkter (signal ved flere end %(max)s). "
            "Krydsninger: %(crossings)s (signal ved færre end %(min)s)."
        ),
        "few_points": _(
            "Kun %(count)s brugbare punkter: serieanalysen finder først sikkert et signal med "
            "mindst %(min)s."
        ),
        "in_phase": _("i fase %(part)s"),
        "above": _("over"),
        "below": _("under"),
        "above_limit": _("over den øvre kontrolgrænse"),
        "below_limit": _("under den nedre kontrolgrænse"),
        "improvement": _("en forbedring"),
        "concern": _("en forværring"),
        "neutral": _("angiv, om højere eller lavere er bedre, for at se, om det er en forbedring"),
    }


def _settings(measure: Measure) -> MeasureSettings:
    return MeasureSettings(
        chart_type=measure.chart_type,
        direction=measure.direction,
        multiply=measure.multiply,
        baseline_end=measure.baseline_end,
        phase_starts=tuple(datetime.date.fromisoformat(day) for day in measure.phase_starts),
    )


def _trial_marks(initiative: Initiative) -> list[TrialMark]:
    trials = initiative.trials.only("number", "title", "start_date", "end_date")
    return [TrialMark(t.number, t.title, t.start_date, t.end_date) for t in trials]


def _card(
    measure: Measure, points: list[Point], trials: list[TrialMark], *, height: int
) -> dict[str, object]:
    """One measure's chart and what it says, for a template."""
    try:
        chart = measure_charts.analyse(_settings(measure), points)
    except ValueError as error:  # spc's own checks; the services should have caught them
        text = _("Diagrammet kan ikke tegnes: %(reason)s") % {"reason": error}
        return {"measure": measure, "spec": None, "texts": [text], "summary": text}
    signals = measure_charts.find_signals(chart, measure.direction) if chart else []
    texts = measure_charts.signal_texts(chart, points, signals, _texts())
    spec = None
    if chart is not None:
        spec = measure_charts.chart_spec(
            chart, points, signals, trials, {**_labels(), "value": measure.name}, height=height
        )
    return {
        "measure": measure,
        "spec_id": f"measure-chart-{measure.pk}",
        "spec": spec,
        "texts": texts,
        "summary": texts[0],
    }


def measures_context(request: HttpRequest, initiative: Initiative) -> dict:
    """What the initiative page needs to show its measures (``_measures.html``): a fixed number
    of queries however many measures there are."""
    items = list(initiative.measures.select_related("instrument"))
    found = aggregates.series_of(initiative, items, timezone.localdate()) if items else {}
    trials = _trial_marks(initiative) if items else []
    return {
        "measure_cards": [_card(m, found[m.pk], trials, height=180) for m in items],
    }


def _status(form: Form) -> int:
    return 422 if form.errors else 200


def _form_page(
    request: HttpRequest, form: Form, initiative: Initiative, measure: Measure | None = None
) -> HttpResponse:
    context = {"form": form, "initiative": initiative, "measure": measure}
    return render(request, "improvement/measure_form.html", context, status=_status(form))


@login_required
def create_measure(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = permissions.get_initiative_for_user(request.user, initiative_id, manage=True)
    form = measure_forms.MeasureForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        measure = run_service(
            form,
            measures.create_measure,
            by=request.user,
            initiative=initiative,
            **form.cleaned_data,
        )
        if measure:
            messages.success(request, _("Målingen %(name)s er oprettet.") % {"name": measure})
            return redirect("improvement:measure_detail", measure.pk)
    return _form_page(request, form, initiative)


@login_required
def update_measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = permissions.get_measure_for_user(request.user, measure_id, manage=True)
    initial = {name: getattr(measure, name) for name in measures.MEASURE_FIELDS}
    form = measure_forms.MeasureForm(
        request.POST or None, initial=initial, initiative=measure.initiative
    )
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form, measures.update_measure, by=request.user, measure=measure, **form.cleaned_data
        )
    )
    if saved:
        messages.success(request, _("Målingen er gemt."))
        return redirect("improvement:measure_detail", measure.pk)
    return _form_page(request, form, measure.initiative, measure)


@login_required
def delete_measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the measure and its values."""
    measure = permissions.get_measure_for_user(request.user, measure_id, manage=True)
    if request.method == "POST":
        measures.delete_measure(by=request.user, measure=measure)
        messages.success(request, _("Målingen %(name)s er slettet.") % {"name": measure})
        return redirect("improvement:initiative_detail", measure.initiative_id)
    return render(request, "improvement/measure_confirm_delete.html", {"measure": measure})


def _detail(
    request: HttpRequest,
    measure: Measure,
    value_form: Form | None = None,
    paste_form: Form | None = None,
) -> HttpResponse:
    initiative = measure.initiative
    can_manage = permissions.can_manage_teams(request.user, initiative.intervention)
    manual = measure.source == Measure.Source.MANUAL
    points = aggregates.series_of(initiative, [measure], timezone.localdate())[measure.pk]
    if can_manage and manual:
        value_form = value_form or measure_forms.ValueForm()
        paste_form = paste_form or measure_forms.PasteValuesForm()
    context = {
        "measure": measure,
        "initiative": initiative,
        "card": _card(measure, points, _trial_marks(initiative), height=340),
        "rows": _table_rows(measure, points),
        "manual": manual,
        "can_manage": can_manage,
        "value_form": value_form,
        "paste_form": paste_form,
        "suppressed": SUPPRESSED,
    }
    errors = (value_form and value_form.errors) or (paste_form and paste_form.errors)
    return render(
        request, "improvement/measure_detail.html", context, status=422 if errors else 200
    )


def _table_rows(measure: Measure, points: list[Point]) -> list[dict[str, object]]:
    """The values newest first; hand-entered ones with their id (to delete) and note."""
    saved = {}
    if measure.source == Measure.Source.MANUAL:
        saved = {v.period: v for v in measure.values.all()}
    rows = []
    for point in reversed(points):
        value = saved.get(point.period)
        rows.append(
            {
                "point": point,
                "shown": None if point.y is None else point.y * measure.multiply,
                "value": value,
            }
        )
    return rows


@login_required
def measure_detail(request: HttpRequest, measure_id: int) -> HttpResponse:
    return _detail(request, permissions.get_measure_for_user(request.user, measure_id))


@require_POST
@login_required
def add_value(request: HttpRequest, measure_id: int) -> HttpResponse:
    measure = permissions.get_measure_for_user(request.user, measure_id, manage=True)
    form = measure_forms.ValueForm(request.POST)
    if form.is_valid():
        value = run_service(
            form, measures.add_value, by=request.user, measure=measure, **form.cleaned_data
        )
        if value:
            messages.success(request, _("Værdien er gemt."))
            return redirect("improvement:measure_detail", measure.pk)
    return _detail(request, measure, value_form=form)


@require_POST
@login_required
def set_values(request: HttpRequest, measure_id: int) -> HttpResponse:
    """Many values pasted at once: all of them are saved, or none."""
    measure = permissions.get_measure_for_user(request.user, measure_id, manage=True)
    form = measure_forms.PasteValuesForm(request.POST)
    if form.is_valid():
        rows = form.cleaned_data["text"]
        saved = run_service(form, measures.set_values, by=request.user, measure=measure, rows=rows)
        if saved:
            messages.success(request, _("%(count)s værdier er gemt.") % {"count": len(saved)})
            return redirect("improvement:measure_detail", measure.pk)
    return _detail(request, measure, paste_form=form)


@login_required
def delete_value(request: HttpRequest, value_id: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the value."""
    value = permissions.get_value_for_user(request.user, value_id)
    if request.method == "POST":
        measures.delete_value(by=request.user, value=value)
        messages.success(request, _("Værdien er slettet."))
        return redirect("improvement:measure_detail", value.measure_id)
    context = {"measure": value.measure, "value": value}
    return render(request, "improvement/measure_confirm_delete.html", context)


@login_required
def export_measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    """The measure's values as an Excel sheet, hidden values as such (SDC-01, FILE-03)."""
    measure = permissions.get_measure_for_user(request.user, measure_id)
    points = aggregates.series_of(measure.initiative, [measure], timezone.localdate())[measure.pk]
    header = [_("Dato"), _("Værdi"), _("Tæller"), _("Nævner"), _("Note")]
    rows = []
    for row in reversed(_table_rows(measure, points)):
        point = row["point"]
        note = row["value"].note if row["value"] else ""
        if point.reason == SUPPRESSED:
            note = _("Skjult: færre end %(k)s forløb") % {"k": settings.LOVENDE_MIN_CELL}
        ratio = point.denominator is not None
        numerator = point.value if ratio else None
        rows.append([point.period, row["shown"], numerator, point.denominator, note])
    name = slugify(measure.name)[:40] or "maaling"
    return xlsx_response(f"{name}-{timezone.localdate():%Y-%m-%d}.xlsx", header, rows)
