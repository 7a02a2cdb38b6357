"""Pages of the culture surveys (Kulturmålinger) and the leaders' reflection (Lederrefleksion).

Kept beside ``views.py`` (part A) so neither passes about 600 lines. Results go through one
function, ``_result``, for the page, the charts and the Excel file, and no view reads a filter
from the query string: a round's results are the whole round's or nothing (SDC-02).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.culture import forms, permissions, survey_charts, survey_services
from lovende.culture.models import (
    AnswerTally,
    LeaderNote,
    RespondentGroup,
    RespondentTally,
    SelfAssessment,
    SurveyRound,
)
from lovende.culture.survey_results import (
    Hidden,
    Item,
    RoundResult,
    strengths_and_areas,
    summarise,
)
from lovende.organisation.models import User
from lovende.organisation.permissions import get_staff_for_user, staff_visible_to
from lovende.web import paginate, run_service, xlsx_sheets_response

TREND_ROUNDS = 8


# Results: one door for page, charts and export ----------------------------------------------


def _result(survey: SurveyRound) -> RoundResult:
    """The round's results as survey_results allows them: three queries, however large."""
    items = [Item(i.pk, i.theme, i.text, i.reflection) for i in survey.items.all()]
    if not survey.is_closed:
        return summarise(items, {}, {}, survey.threshold, closed=False)
    tallies = AnswerTally.objects.filter(item__round=survey).values_list(
        "item_id", "group", "value", "count"
    )
    order = list(RespondentGroup.values)  # employees before fellow leaders, whatever the storage
    respondents = dict(
        sorted(survey.respondents.values_list("group", "count"), key=lambda r: order.index(r[0]))
    )
    return summarise(
        items,
        {(item_id, group, value): count for item_id, group, value, count in tallies},
        respondents,
        survey.threshold,
        closed=True,
    )


def _answered_text(survey: SurveyRound) -> str:
    """How many have answered, or only that fewer than the threshold have."""
    total = survey.respondents.aggregate(n=Sum("count"))["n"] or 0
    if total < survey.threshold:
        return _("Færre end %(k)d har svaret.") % {"k": survey.threshold}
    return _("%(n)d har svaret.") % {"n": total}


def _expired(survey: SurveyRound) -> bool:
    """Past its closing date but not yet closed: nobody can answer it any longer, and its results
    wait until the nightly ``close_survey_rounds`` or the leader has closed it (a GET never
    writes, CSRF-01)."""
    return not survey.is_closed and survey.closes_on < timezone.localdate()


def _hidden_text(survey: SurveyRound, result: RoundResult) -> str:
    if result.hidden == Hidden.TOO_FEW:
        return survey_services.too_few_message(survey.threshold)
    if result.hidden == Hidden.OPEN and _expired(survey):
        return _("Runden er udløbet og lukkes i nat, eller når lederen lukker den.")
    if result.hidden == Hidden.OPEN:
        return _("Resultaterne vises, når runden er lukket, og mindst %(k)d har svaret.") % {
            "k": survey.threshold
        }
    return ""


def _trend_rounds(survey: SurveyRound) -> list[SurveyRound]:
    """The closed rounds of the same kind for the same unit (culture) or leader (360°)."""
    rounds = SurveyRound.objects.filter(
        organisation_id=survey.organisation_id, kind=survey.kind, status=SurveyRound.Status.CLOSED
    )
    if survey.kind == SurveyRound.Kind.LEADER360:
        rounds = rounds.filter(subject_id=survey.subject_id)
    else:
        rounds = rounds.filter(unit_id=survey.unit_id)
    return list(reversed(rounds.order_by("-closes_on", "-pk")[:TREND_ROUNDS]))


def _trend_rows(rounds: list[SurveyRound]) -> list[dict]:
    """Mean per theme per round, only for rounds with at least their threshold of answers."""
    totals = dict(
        RespondentTally.objects.filter(round__in=rounds)
        .values("round_id")
        .annotate(n=Sum("count"))
        .values_list("round_id", "n")
    )
    shown = [r for r in rounds if (totals.get(r.pk) or 0) >= r.threshold]
    sums = (
        AnswerTally.objects.filter(item__round__in=shown)
        .values("item__round_id", "item__theme")
        .annotate(total=Sum(F("value") * F("count")), n=Sum("count"))
    )
    means = {(row["item__round_id"], row["item__theme"]): row for row in sums if row["n"]}
    rows = []
    for order, survey in enumerate(shown):
        label = f"{survey.title} ({survey.closes_on:%m-%Y})"
        for (round_id, theme), row in means.items():
            if round_id == survey.pk:
                mean = round(row["total"] / row["n"], 2)
                rows.append({"round": label, "order": order, "theme": theme, "mean": mean})
    return rows


def _trend_chart(survey: SurveyRound) -> dict | None:
    rows = _trend_rows(_trend_rounds(survey))
    if len({row["round"] for row in rows}) < 2:  # a trend needs two rounds
        return None
    labels = {"round": _("Runde"), "mean": _("Gennemsnit (1-5)"), "theme": _("Tema")}
    return {
        "spec": survey_charts.trend_spec(rows, labels),
        "rounds": len({row["round"] for row in rows}),
    }


def _distribution_chart(result: RoundResult) -> dict | None:
    if not result.shown or result.overall is None:
        return None
    rows = [
        {"statement": s.item.text, "order": order, "value": value, "answers": count}
        for order, s in enumerate(result.overall.statements)
        for value, count in enumerate(s.counts, start=1)
    ]
    labels = {
        "statement": _("Udsagn"),
        "answers": _("Andel af svarene"),
        "value": _("Svar"),
        "1": _("1 helt uenig"),
        "2": "2",
        "3": "3",
        "4": "4",
        "5": _("5 helt enig"),
    }
    return survey_charts.distribution_spec(rows, labels)


def _self_view(survey: SurveyRound) -> dict[int, int]:
    if survey.kind != SurveyRound.Kind.LEADER360:
        return {}
    return dict(
        SelfAssessment.objects.filter(item__round=survey, leader_id=survey.subject_id).values_list(
            "item_id", "value"
        )
    )


def _comparison_chart(result: RoundResult, own: dict[int, int]) -> dict | None:
    if not result.shown or result.overall is None:
        return None
    me, others = _("Min egen vurdering"), _("Andres vurdering")
    rows = []
    for order, statement in enumerate(result.overall.statements):
        rows.append(
            {"statement": statement.item.text, "order": order, "view": others,
             "value": round(statement.mean or 0, 2)}
        )  # fmt: skip
        if statement.item.id in own:
            rows.append(
                {"statement": statement.item.text, "order": order, "view": me,
                 "value": own[statement.item.id]}
            )  # fmt: skip
    labels = {"statement": _("Udsagn"), "value": _("Vurdering (1-5)"), "view": _("Hvis syn"),
              "self": me, "others": others}  # fmt: skip
    return survey_charts.comparison_spec(rows, labels)


def _results_context(survey: SurveyRound) -> dict:
    result = _result(survey)
    strengths, areas = strengths_and_areas(result.overall.statements if result.overall else [])
    own = _self_view(survey)
    return {
        "result": result,
        "hidden_text": _hidden_text(survey, result),
        "answered_text": _answered_text(survey),
        "strengths": strengths,
        "areas": areas,
        "comments": list(survey.comments.order_by("text")) if result.shown else [],
        "distribution": _distribution_chart(result),
        "comparison": _comparison_chart(result, own) if own else None,
        "own": own,
        "trend": _trend_chart(survey),
        "group_names": dict(RespondentGroup.choices),
        "columns": 7 + bool(own) + max(len(result.groups) - 1, 0),
    }


# Culture surveys --------------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    """Kulturmålinger: the culture rounds the user leads or belongs to, newest first."""
    rounds = (
        permissions.survey_rounds_visible_to(request.user)
        .filter(kind=SurveyRound.Kind.CULTURE)
        .select_related("unit")
        .annotate(answers=Sum("respondents__count"))
        .order_by("-opens_on", "-pk")
    )
    context = {
        "page": paginate(request, rounds),
        "leads": permissions.lead_scope(request.user).any,
        "to_answer": permissions.rounds_to_answer(request.user),
        "threshold": survey_services.survey_threshold(),
    }
    return render(request, "culture/survey_list.html", context)


@login_required
def open_survey_round(request: HttpRequest) -> HttpResponse:
    permissions.require_culture_leader(request.user)
    form = forms.SurveyRoundForm(request.POST or None, units=permissions.led_units(request.user))
    if request.method == "POST" and form.is_valid():
        survey = run_service(
            form, survey_services.open_survey_round, by=request.user, **form.cleaned_data
        )
        if survey:
            messages.success(
                request,
                _("Runden er åbnet. Alle i %(unit)s kan nu svare.") % {"unit": survey.unit},
            )
            return redirect("culture:survey_detail", survey.pk)
    context = {"form": form, "threshold": survey_services.survey_threshold()}
    return render(request, "culture/survey_form.html", context, status=422 if form.errors else 200)


@login_required
def survey_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    """A round and its results; the query string is never read (no narrowing filters).

    Read only: a round past its closing date is shown as expired, not closed here (CSRF-01).
    """
    survey = permissions.get_round_for_user(request.user, round_id)
    context = {
        "survey": survey,
        "expired": _expired(survey),
        "can_manage": permissions.can_manage_round(request.user, survey),
        "may_answer": not survey_services.answer_refusal(survey, request.user),
        **_results_context(survey),
    }
    return render(request, "culture/survey_detail.html", context)


@require_POST
@login_required
def close_survey_round(request: HttpRequest, round_id: int) -> HttpResponse:
    survey = permissions.get_round_for_user(request.user, round_id, manage=True)
    survey_services.close_survey_round(by=request.user, survey=survey)
    messages.success(request, _("Runden er lukket."))
    return redirect("culture:survey_detail", survey.pk)


@login_required
def export_survey_results(request: HttpRequest, round_id: int) -> HttpResponse:
    """The same results as the page, in Excel; below the threshold only the reason."""
    survey = permissions.get_round_for_user(request.user, round_id)
    result = _result(survey)
    own = _self_view(survey)
    groups = result.groups[1:]  # the split groups, when the page shows them
    names = dict(RespondentGroup.choices)
    header: list[object] = [_("Tema"), _("Udsagn"), "1", "2", "3", "4", "5", _("Gennemsnit")]
    if own:
        header.append(_("Mit eget"))
    header.extend(names[group.group] for group in groups)
    rows: list[list[object]] = []
    if result.shown and result.overall:
        group_means = [{s.item.id: _rounded(s.mean) for s in group.statements} for group in groups]
        for theme in result.overall.themes:
            for statement in theme.statements:
                row = [theme.theme, statement.item.text, *statement.counts]
                row.append(_rounded(statement.mean))
                if own:
                    row.append(own.get(statement.item.id))
                row.extend(means.get(statement.item.id) for means in group_means)
                rows.append(row)
    else:
        rows.append([_hidden_text(survey, result)])
    return xlsx_sheets_response(f"spoergeskema-{survey.pk}.xlsx", [(_("Resultater"), header, rows)])


def _rounded(mean: float | None) -> float | None:
    """A mean as the page shows it: one decimal."""
    return round(mean, 1) if mean is not None else None


def _refused(request: HttpRequest, survey: SurveyRound | None, message: str) -> HttpResponse:
    context = {"survey": survey, "message": message}
    return render(request, "culture/survey_refused.html", context, status=403)


@login_required
def answer_survey(request: HttpRequest, round_id: int) -> HttpResponse:
    """The questionnaire: one 1–5 answer per statement and an optional comment."""
    survey = permissions.get_round_to_answer(request.user, round_id)
    refusal = survey_services.answer_refusal(survey, request.user)
    if refusal:
        return _refused(request, survey, refusal)
    items = list(survey.items.all())
    culture = survey.kind == SurveyRound.Kind.CULTURE
    form = forms.AnswerForm(request.POST or None, items=items, comment=culture)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            survey_services.answer_survey,
            by=request.user,
            survey=survey,
            answers=form.answers(),
            comment=form.cleaned_data.get("comment", ""),
        )
        if done:
            messages.success(request, _("Tak for dine svar. De er gemt uden dit navn."))
            return redirect("culture:overview")
    context = {
        "survey": survey,
        "form": form,
        "link": request.build_absolute_uri(
            reverse(
                "culture:survey_link", args=[permissions.survey_link_token(survey, request.user)]
            )
        ),
    }
    return render(request, "culture/answer_form.html", context, status=422 if form.errors else 200)


@login_required
def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    """A personal link: it only leads the logged-in person to their own questionnaire."""
    try:
        survey = permissions.get_round_from_link(request.user, token)
    except permissions.ForeignLink:
        message = _(
            "Linket er personligt og hører til en anden medarbejder. Log ind som dig selv, eller "
            "find dit eget spørgeskema under Læringskultur."
        )
        return _refused(request, None, message)
    return redirect("culture:answer_survey", survey.pk)


# The leaders' reflection ------------------------------------------------------------------


def _reflection_context(request: HttpRequest, leader: User) -> dict:
    rounds = list(
        SurveyRound.objects.filter(
            kind=SurveyRound.Kind.LEADER360,
            subject=leader,
            organisation_id=request.user.organisation_id,
        ).select_related("unit")
    )
    latest = next((r for r in rounds if r.is_closed), None)
    return {
        "leader": leader,
        "rounds": rounds,
        "latest": latest,
        **(_results_context(latest) if latest else {}),
    }


@login_required
def leader_reflection(request: HttpRequest) -> HttpResponse:
    """Lederrefleksion: the leader's own 360° rounds, self-view beside the others', notes."""
    context = _reflection_context(request, request.user)
    context.update(
        {
            "own_page": True,
            "is_leader": permissions.feedback_units(request.user).exists(),
            "notes": LeaderNote.objects.filter(leader=request.user).select_related("round"),
            "note_form": forms.LeaderNoteForm(),
            "shares": request.user.reflection_shares.select_related("shared_with"),
            "share_form": forms.ShareForm(colleagues=_colleagues(request)),
            "shared_with_me": permissions.shared_leaders(request.user),
        }
    )
    return render(request, "culture/leader_reflection.html", context)


@login_required
def shared_reflection(request: HttpRequest, leader_id: int) -> HttpResponse:
    """Another leader's results, read-only, when that leader shares them with the user."""
    leader = get_staff_for_user(request.user, leader_id)
    if leader.pk == request.user.pk:
        return redirect("culture:leader_reflection")
    if not permissions.may_see_reflection(request.user, leader):
        raise Http404
    context = _reflection_context(request, leader)
    return render(request, "culture/leader_reflection.html", context)


@login_required
def open_feedback_round(request: HttpRequest) -> HttpResponse:
    units = permissions.feedback_units(request.user)
    if not units.exists():
        return _refused(request, None, _("Kun ledere kan bede om 360°-feedback."))
    form = forms.FeedbackRoundForm(
        request.POST or None, units=units, leaders=permissions.fellow_leaders(request.user)
    )
    if request.method == "POST" and form.is_valid():
        survey = run_service(
            form, survey_services.open_feedback_round, by=request.user, **form.cleaned_data
        )
        if survey:
            messages.success(request, _("Runden er åbnet. Giv også din egen vurdering."))
            return redirect("culture:record_self_assessment", survey.pk)
    context = {"form": form, "threshold": survey_services.survey_threshold()}
    return render(
        request, "culture/feedback_form.html", context, status=422 if form.errors else 200
    )


@login_required
def record_self_assessment(request: HttpRequest, round_id: int) -> HttpResponse:
    survey = permissions.get_round_for_user(request.user, round_id)
    if survey.subject_id != request.user.pk:
        raise Http404
    items = list(survey.items.all())
    own = _self_view(survey)
    initial = {f"item_{item_id}": str(value) for item_id, value in own.items()}
    form = forms.AnswerForm(request.POST or None, items=items, comment=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            survey_services.record_self_assessment,
            by=request.user,
            survey=survey,
            answers=form.answers(),
        )
        if saved:
            messages.success(request, _("Din selvvurdering er gemt. Kun du kan se den."))
            return redirect("culture:leader_reflection")
    context = {"survey": survey, "form": form}
    return render(
        request, "culture/self_assessment_form.html", context, status=422 if form.errors else 200
    )


@require_POST
@login_required
def write_leader_note(request: HttpRequest) -> HttpResponse:
    form = forms.LeaderNoteForm(request.POST)
    if form.is_valid() and run_service(
        form, survey_services.write_leader_note, by=request.user, **form.cleaned_data
    ):
        messages.success(request, _("Noten er gemt."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('culture:leader_reflection')}#noter")


@require_POST
@login_required
def delete_leader_note(request: HttpRequest, note_id: int) -> HttpResponse:
    note = LeaderNote.objects.filter(pk=note_id, leader=request.user).first()
    if note is None:
        raise Http404
    survey_services.delete_leader_note(by=request.user, note=note)
    messages.success(request, _("Noten er slettet."))
    return redirect(f"{reverse('culture:leader_reflection')}#noter")


def _colleagues(request: HttpRequest) -> QuerySet[User]:
    return staff_visible_to(request.user).filter(is_active=True).exclude(pk=request.user.pk)


@require_POST
@login_required
def share_reflection(request: HttpRequest) -> HttpResponse:
    form = forms.ShareForm(request.POST, colleagues=_colleagues(request))
    if form.is_valid() and run_service(
        form, survey_services.share_reflection, by=request.user, **form.cleaned_data
    ):
        messages.success(
            request,
            _("%(name)s kan nu se dine 360°-resultater (ikke dine noter).")
            % {"name": form.cleaned_data["colleague"]},
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('culture:leader_reflection')}#deling")


@require_POST
@login_required
def stop_sharing(request: HttpRequest, user_id: int) -> HttpResponse:
    colleague = get_staff_for_user(request.user, user_id)
    survey_services.stop_sharing(by=request.user, colleague=colleague)
    messages.success(
        request, _("%(name)s kan ikke længere se dine resultater.") % {"name": colleague}
    )
    return redirect(f"{reverse('culture:leader_reflection')}#deling")
