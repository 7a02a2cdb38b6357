"""The intervention's promising-practice assessments: the eleven elements scored with evidence
and next step, repeated over time and shown as a profile, with links to the data in Lovende that
serve as evidence.

Everyone in the organisation reads them; those who manage the intervention's scaling
(``permissions.can_manage_scaling``) record a new assessment (403 for the others); another
organisation's intervention or assessment answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.scaling import assessment as assessments
from lovende.scaling import assessment_charts, assessment_forms, permissions, promising
from lovende.scaling.models import PracticeAssessment
from lovende.web import run_service

MAX_COLUMNS = 4  # assessments side by side in the table over time


def evidence_links(intervention: Intervention) -> dict[str, list[tuple[str, str]]]:
    """Per element, the pages in Lovende that hold its evidence: (label, url)."""
    pk = intervention.pk
    description = reverse("scaling:description_detail", args=[pk])
    overview = reverse("dashboards:intervention_overview", args=[pk])
    forums = reverse("reflection:intervention_forum_list", args=[pk])
    board = reverse("improvement:board") + f"?indsats={pk}"
    costs = reverse("interventions:intervention_detail", args=[pk]) + "#udgifter"
    return {
        "teori": [(_("Forandringsteorien"), description + "#forandringsteori")],
        "beskrivelse": [(_("Beskrivelsen af indsatsen"), description)],
        "maal": [(_("Indsatsens mål"), description), (_("Resultater i overblikket"), overview)],
        "refleksion": [(_("Indsatsens mødefora"), forums)],
        "samarbejde": [(_("Borgerfeedback og alliance i overblikket"), overview)],
        "tilrettelaeggelse": [(_("Tilpasningselementerne"), description + "#tilpasningselementer")],
        "opfoelgning": [(_("Forbedringstiltag på statustavlen"), board)],
        "monitorering": [(_("Overblik over indsatsen"), overview)],
        "overfoerbarhed": [(_("Kerneelementerne"), description + "#kerneelementer")],
        "oekonomi": [(_("Indsatsens udgifter"), costs)],
        "virkning": [(_("Resultater i overblikket"), overview)],
    }


def _assessments(intervention: Intervention) -> list[PracticeAssessment]:
    """Newest first, with scores and author, in two queries."""
    return list(
        intervention.practice_assessments.select_related("created_by").prefetch_related("scores")
    )


def _chart_labels() -> dict[str, str]:
    labels = {"element": _("Element"), "score": _("Score"), "previous": _("Forrige vurdering")}
    labels.update({str(value): f"{value} {_(label)}" for value, label in promising.SCALE})
    return labels


def _profile(
    intervention: Intervention, shown: PracticeAssessment, previous: PracticeAssessment | None
) -> dict:
    """The chart, the table rows and the change since the previous assessment."""
    scores, before = assessments.score_map(shown), assessments.score_map(previous)
    rows = promising.profile(scores, before or None)
    names = {element.key: _(element.name) for element in promising.ELEMENTS}
    scale = {value: _(label) for value, label in promising.SCALE}
    links = evidence_links(intervention)
    chart_labels = _chart_labels()
    details = {score.element: score for score in shown.scores.all()}
    change = promising.change_since(scores, before or None)
    return {
        "spec": assessment_charts.profile_spec(
            assessment_charts.profile_rows(rows, names, chart_labels), chart_labels
        ),
        "rows": [
            {
                "row": row,
                "name": names[row.key],
                "question": _(promising.BY_KEY[row.key].question),
                "label": scale.get(row.score, ""),
                "previous_label": scale.get(row.previous, ""),
                "detail": details.get(row.key),
                "links": links[row.key],
            }
            for row in rows
        ],
        "change": change,
        "improved": [names[key] for key in change.improved],
        "declined": [names[key] for key in change.declined],
        "in_place": promising.in_place(scores),
        "scale": list(scale.items()),
        "count": len(promising.ELEMENTS),
    }


def _over_time(assessment_list: list[PracticeAssessment]) -> dict:
    """The latest assessments side by side, oldest first, one row per element."""
    columns = list(reversed(assessment_list[:MAX_COLUMNS]))
    maps = [assessments.score_map(a) for a in columns]
    return {
        "columns": columns,
        "rows": [
            (_(element.name), [m.get(element.key) for m in maps]) for element in promising.ELEMENTS
        ],
    }


def _page(
    request: HttpRequest,
    intervention: Intervention,
    assessment_list: list[PracticeAssessment],
    shown: PracticeAssessment | None,
) -> HttpResponse:
    index = assessment_list.index(shown) if shown else 0
    previous = assessment_list[index + 1] if shown and index + 1 < len(assessment_list) else None
    context = {
        "intervention": intervention,
        "assessment": shown,
        "previous": previous,
        "latest": assessment_list[0] if assessment_list else None,
        "assessments": assessment_list,
        "profile": _profile(intervention, shown, previous) if shown else None,
        "over_time": _over_time(assessment_list) if len(assessment_list) > 1 else None,
        "can_manage": permissions.can_manage_scaling(request.user, intervention),
    }
    return render(request, "scaling/assessment_detail.html", context)


@login_required
def assessment_list(request: HttpRequest, intervention_id: int) -> HttpResponse:
    """The latest assessment's profile, the way there, and every assessment."""
    intervention = get_intervention_for_user(request.user, intervention_id)
    assessment_list = _assessments(intervention)
    shown = assessment_list[0] if assessment_list else None
    return _page(request, intervention, assessment_list, shown)


@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    try:
        found = PracticeAssessment.objects.select_related("intervention").get(
            pk=assessment_id, intervention__organisation_id=request.user.organisation_id
        )
    except PracticeAssessment.DoesNotExist:
        raise Http404 from None
    intervention = found.intervention
    assessment_list = _assessments(intervention)
    shown = next(a for a in assessment_list if a.pk == found.pk)
    return _page(request, intervention, assessment_list, shown)


@login_required
def create_assessment(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_to_manage(request.user, intervention_id)
    latest = _assessments(intervention)[:1]
    last = latest[0] if latest else None
    initial = {}
    if last:  # the evidence and next steps carry over to be updated; the scores are given anew
        for score in last.scores.all():
            initial[f"evidence_{score.element}"] = score.evidence
            initial[f"next_step_{score.element}"] = score.next_step
    form = assessment_forms.AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            assessments.record_assessment,
            by=request.user,
            intervention=intervention,
            assessed_on=form.cleaned_data["assessed_on"],
            note=form.cleaned_data["note"],
            scores=form.scores(),
        )
        if saved:
            messages.success(request, _("Vurderingen af lovende praksis er gemt."))
            return redirect("scaling:assessment_detail", saved.pk)
    scale = {value: _(label) for value, label in promising.SCALE}
    last_scores = assessments.score_map(last)
    links = evidence_links(intervention)
    context = {
        "intervention": intervention,
        "form": form,
        "last": last,
        "elements": [
            {
                **item,
                "name": _(item["element"].name),
                "question": _(item["element"].question),
                "links": links[item["element"].key],
                "last_score": last_scores.get(item["element"].key),
                "last_label": scale.get(last_scores.get(item["element"].key), ""),
            }
            for item in form.elements()
        ],
    }
    status = 422 if form.errors else 200
    return render(request, "scaling/assessment_form.html", context, status=status)
