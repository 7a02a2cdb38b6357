"""A target unit's own work: readiness analysis, mapping against existing practice and tacit
knowledge, fidelity to the core elements, and its outcomes beside the pilot's.

Everyone in the organisation reads it (the outcomes suppressed as on the dashboards); the unit's
leaders (``permissions.can_lead_target``) change it (403 for the others); another
organisation's target unit answers 404. The target unit's page includes
``scaling/_unit_work.html`` with ``target_context``; the overview calls ``glance``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lovende.organisation.models import User
from lovende.scaling import fidelity, readiness, side_by_side, unit_forms, unit_work
from lovende.scaling.models import (
    Element,
    FidelityAnswer,
    FidelityCheck,
    PracticeMapping,
    ReadinessItem,
    TargetUnit,
)
from lovende.scaling.permissions import can_lead_target, get_target_for_user
from lovende.web import run_service


@dataclass(frozen=True)
class ReadinessRow:
    item: readiness.Item
    score: int | None
    note: str

    @property
    def label(self) -> str:
        return _(readiness.score_label(self.score))


@dataclass(frozen=True)
class MappingRow:
    element: Element
    mapping: PracticeMapping | None


@dataclass(frozen=True)
class CheckRow:
    check: FidelityCheck
    share: float | None
    answers: dict[str, FidelityAnswer]


@dataclass
class UnitWork:
    target: TargetUnit
    can_lead: bool
    readiness: list[ReadinessRow]
    readiness_summary: readiness.Summary
    weakest: list[ReadinessRow]
    mapping: list[MappingRow]
    checks: list[CheckRow]  # latest first
    comparison: side_by_side.Comparison | None
    min_cell: int = field(default_factory=lambda: settings.LOVENDE_MIN_CELL)

    @property
    def latest_check(self) -> CheckRow | None:
        return self.checks[0] if self.checks else None

    @property
    def fidelity_trend(self) -> str | None:
        return fidelity.trend([row.share for row in reversed(self.checks)])

    @property
    def fit_counts(self) -> list[tuple[str, str, int]]:
        found = [row.mapping.fit for row in self.mapping if row.mapping]
        return [(value, label, found.count(value)) for value, label in PracticeMapping.Fit.choices]


def target_context(request: HttpRequest, target: TargetUnit) -> dict:
    """What the target unit's page needs for ``scaling/_unit_work.html``."""
    return {"unit_work": _unit_work(request.user, target, compare=True)}


def glance(targets: list[TargetUnit], *, user: User | None = None) -> dict[int, dict]:
    """Per target unit id, its readiness, fidelity and outcome at a glance for the overview.

    ``readiness`` and ``fidelity`` are shares in per cent (None before the first score or
    check); ``outcome`` is a ``dashboards.display.Value``: print ``.text`` ("skjult" when
    suppressed, "ingen adgang" outside ``user``'s scope); ``.number`` is the share when shown.
    Without ``user`` the outcome is suppressed over the whole organisation. A fixed number of
    queries whatever the number of targets (``side_by_side.outcome_glance``).
    """
    ids = [target.pk for target in targets]
    scores: dict[int, dict[str, int | None]] = defaultdict(dict)
    for target_id, item, score in ReadinessItem.objects.filter(target_id__in=ids).values_list(
        "target_id", "item", "score"
    ):
        scores[target_id][item] = score
    outcome = side_by_side.outcome_glance(targets, user)
    latest = _latest_fidelity(ids)
    return {
        pk: {
            "readiness": readiness.summary(scores.get(pk, {})).share,
            "fidelity": fidelity.share(latest.get(pk, [])),
            "outcome": outcome.get(pk, side_by_side.no_access()),
        }
        for pk in ids
    }


def _latest_fidelity(ids: list[int]) -> dict[int, list[str]]:
    """The levels of each target's latest fidelity check: 1 query."""
    answers = FidelityAnswer.objects.filter(fidelity_check__target_id__in=ids).values_list(
        "fidelity_check__target_id", "fidelity_check__checked_on", "fidelity_check_id", "level"
    )
    latest: dict[int, tuple] = {}
    levels: dict[tuple, list[str]] = defaultdict(list)
    for target_id, checked_on, check_id, level in answers:
        levels[(checked_on, check_id)].append(level)
        latest[target_id] = max(
            latest.get(target_id, (checked_on, check_id)), (checked_on, check_id)
        )
    return {target_id: levels[key] for target_id, key in latest.items()}


def _unit_work(user: User, target: TargetUnit, compare: bool = False) -> UnitWork:
    rows = {row.item: row for row in target.readiness.all()}
    scores = {key: row.score for key, row in rows.items()}
    checklist = [
        ReadinessRow(item, rows[item.key].score if item.key in rows else None, _note(rows, item))
        for item in readiness.ITEMS
    ]
    by_key = {row.item.key: row for row in checklist}
    mappings = {row.element_key: row for row in target.mappings.all()}
    return UnitWork(
        target=target,
        can_lead=can_lead_target(user, target),
        readiness=checklist,
        readiness_summary=readiness.summary(scores),
        weakest=[by_key[item.key] for item in readiness.weakest(scores)],
        mapping=[
            MappingRow(element, mappings.get(element.key))
            for element in unit_work.core_elements(target)
        ],
        checks=_checks(target),
        comparison=side_by_side.compare(user, target) if compare else None,
    )


def _note(rows: dict[str, ReadinessItem], item: readiness.Item) -> str:
    return rows[item.key].note if item.key in rows else ""


def _checks(target: TargetUnit) -> list[CheckRow]:
    checks = target.fidelity_checks.select_related("checked_by").prefetch_related("answers")
    return [
        CheckRow(
            check,
            fidelity.share(answer.level for answer in check.answers.all()),
            {answer.element_key: answer for answer in check.answers.all()},
        )
        for check in checks
    ]


def _target(request: HttpRequest, target_id: int, lead: bool = False) -> TargetUnit:
    return get_target_for_user(request.user, target_id, lead=lead)


def target_url(target: TargetUnit) -> str:
    return reverse("scaling:target_detail", args=[target.pk])


def _page(
    request: HttpRequest,
    template: str,
    target: TargetUnit,
    form: Form | None = None,
    **extra: object,
) -> HttpResponse:
    context = {"target": target, "form": form, "back": target_url(target), **extra}
    status = 422 if form is not None and form.errors else 200
    return render(request, f"scaling/{template}", context, status=status)


def _saved(request: HttpRequest, target: TargetUnit, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(target_url(target))


@login_required
def readiness_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id)
    return _page(request, "unit_readiness.html", target, work=_unit_work(request.user, target))


@login_required
def update_readiness(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id, lead=True)
    form = unit_forms.ReadinessForm(
        request.POST or None, initial=unit_forms.ReadinessForm.initial_for(target)
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form, unit_work.update_readiness, by=request.user, target=target, **form.arguments()
        )
        if saved is not None:
            return _saved(request, target, _("Foranalysen er gemt."))
    return _page(request, "unit_readiness_form.html", target, form)


@login_required
def update_mapping(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id, lead=True)
    form = unit_forms.MappingForm(
        request.POST or None,
        initial=unit_forms.MappingForm.initial_for(target),
        elements=unit_work.core_elements(target),
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form, unit_work.update_mapping, by=request.user, target=target, **form.arguments()
        )
        if saved is not None:
            return _saved(request, target, _("Kortlægningen er gemt."))
    return _page(request, "unit_mapping_form.html", target, form)


@login_required
def update_tacit_knowledge(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id, lead=True)
    form = unit_forms.TacitKnowledgeForm(
        request.POST or None, initial={"text": target.tacit_knowledge}
    )
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if run_service(
            form, unit_work.update_tacit_knowledge, by=request.user, target=target, text=text
        ):
            return _saved(request, target, _("Den tavse viden er gemt."))
    return _page(request, "unit_tacit_form.html", target, form)


@login_required
def fidelity_history(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id)
    work = _unit_work(request.user, target)
    return _page(request, "unit_fidelity.html", target, work=work, keys=_answered_keys(work))


def _answered_keys(work: UnitWork) -> list[tuple[str, str]]:
    """(key, name) of the current core elements, then of elements only older checks answered."""
    names = [(row.element.key, row.element.name) for row in work.mapping]
    known = {key for key, _name in names}
    older = sorted({k for row in work.checks for k in row.answers} - known)
    return names + [(key, key) for key in older]


@login_required
def record_fidelity_check(request: HttpRequest, target_id: int) -> HttpResponse:
    target = _target(request, target_id, lead=True)
    elements = unit_work.core_elements(target)
    form = unit_forms.FidelityForm(request.POST or None, elements=elements)
    if request.method == "POST" and form.is_valid():
        check = run_service(
            form,
            unit_work.record_fidelity_check,
            by=request.user,
            target=target,
            **form.arguments(),
        )
        if check is not None:
            return _saved(request, target, _("Tjekket af troskab er gemt."))
    return _page(request, "unit_fidelity_form.html", target, form, elements=elements)
