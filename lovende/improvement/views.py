from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.improvement import forms, measure_views, permissions, services, trial_views
from lovende.improvement.models import Initiative, QualityTeam
from lovende.interventions.models import Intervention
from lovende.interventions.permissions import get_intervention_for_user
from lovende.organisation.models import User
from lovende.reflection.models import DevelopmentPoint
from lovende.reflection.permissions import development_points_visible_to
from lovende.web import run_service


def _status(form: Form) -> int:
    return 422 if form.errors else 200


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    """Every quality team in the organisation, by intervention."""
    teams = permissions.teams_visible_to(request.user).select_related("intervention", "unit")
    return render(request, "improvement/team_list.html", {"teams": teams, "intervention": None})


@login_required
def intervention_team_list(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = get_intervention_for_user(request.user, intervention_id)
    context = {
        "intervention": intervention,
        "teams": permissions.teams_visible_to(request.user)
        .filter(intervention=intervention)
        .select_related("intervention", "unit"),
        "initiatives": permissions.initiatives_visible_to(request.user)
        .filter(intervention=intervention)
        .select_related("unit"),
        "open_points": development_points_visible_to(request.user).filter(
            intervention=intervention, status=DevelopmentPoint.Status.OPEN
        ),
        "can_manage": permissions.can_manage_teams(request.user, intervention),
    }
    return render(request, "improvement/team_list.html", context)


@login_required
def create_team(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_to_manage(request.user, intervention_id)
    form = forms.TeamForm(request.POST or None, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        team = run_service(
            form,
            services.create_team,
            by=request.user,
            intervention=intervention,
            **form.cleaned_data,
        )
        if team:
            messages.success(request, _("Kvalitetsteamet %(name)s er oprettet.") % {"name": team})
            return redirect("improvement:team_detail", team.pk)
    context = {"form": form, "intervention": intervention, "team": None}
    return render(request, "improvement/team_form.html", context, status=_status(form))


@login_required
def update_team(request: HttpRequest, team_id: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, team_id, manage=True)
    initial = {"name": team.name, "unit": team.unit}
    form = forms.TeamForm(request.POST or None, initial=initial, intervention=team.intervention)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.update_team, by=request.user, team=team, **form.cleaned_data)
    )
    if saved:
        messages.success(request, _("Kvalitetsteamet er gemt."))
        return redirect("improvement:team_detail", team.pk)
    context = {"form": form, "intervention": team.intervention, "team": team}
    return render(request, "improvement/team_form.html", context, status=_status(form))


def _detail(
    request: HttpRequest,
    team: QualityTeam,
    member_form: Form | None = None,
    partner_form: Form | None = None,
) -> HttpResponse:
    can_manage = permissions.can_manage_teams(request.user, team.intervention)
    if can_manage:
        member_form = member_form or forms.MemberForm(organisation_id=request.user.organisation_id)
        partner_form = partner_form or forms.PartnerForm()
    context = {
        "team": team,
        "members": team.members.select_related("user__professional_group"),
        "partners": team.partners.all(),
        "warnings": services.composition_warnings(team),
        "groups": team.intervention.professional_groups.all(),
        "can_manage": can_manage,
        "member_form": member_form,
        "partner_form": partner_form,
    }
    status = (
        422
        if (member_form and member_form.errors) or (partner_form and partner_form.errors)
        else 200
    )
    return render(request, "improvement/team_detail.html", context, status=status)


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    return _detail(request, permissions.get_team_for_user(request.user, team_id))


@require_POST
@login_required
def add_member(request: HttpRequest, team_id: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, team_id, manage=True)
    form = forms.MemberForm(request.POST, organisation_id=request.user.organisation_id)
    if form.is_valid():
        member = run_service(
            form, services.add_member, by=request.user, team=team, **form.cleaned_data
        )
        if member:
            messages.success(request, _("%(name)s er føjet til teamet.") % {"name": member.user})
            return redirect("improvement:team_detail", team.pk)
    return _detail(request, team, member_form=form)


@login_required
def remove_member(request: HttpRequest, member_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the member."""
    member = permissions.get_member_for_user(request.user, member_id)
    if request.method == "POST":
        services.remove_member(by=request.user, member=member)
        messages.success(request, _("%(name)s er fjernet fra teamet.") % {"name": member.user})
        return redirect("improvement:team_detail", member.team_id)
    return render(request, "improvement/member_confirm_remove.html", {"member": member})


@require_POST
@login_required
def add_partner(request: HttpRequest, team_id: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, team_id, manage=True)
    form = forms.PartnerForm(request.POST)
    if form.is_valid():
        partner = run_service(
            form, services.add_partner, by=request.user, team=team, **form.cleaned_data
        )
        if partner:
            messages.success(
                request, _("%(name)s er tilføjet som samarbejdspartner.") % {"name": partner}
            )
            return redirect("improvement:team_detail", team.pk)
    return _detail(request, team, partner_form=form)


@require_POST
@login_required
def remove_partner(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = permissions.get_partner_for_user(request.user, partner_id)
    services.remove_partner(by=request.user, partner=partner)
    messages.success(request, _("%(name)s er fjernet som samarbejdspartner.") % {"name": partner})
    return redirect("improvement:team_detail", partner.team_id)


@require_POST
@login_required
def create_team_forum(request: HttpRequest, team_id: int) -> HttpResponse:
    team = permissions.get_team_for_user(request.user, team_id, manage=True)
    if team.forum_id is not None:
        messages.info(request, _("Teamet har allerede et mødeforum."))
        return redirect("reflection:forum_detail", team.forum_id)
    try:
        forum = services.create_team_forum(by=request.user, team=team)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("improvement:team_detail", team.pk)
    messages.success(
        request, _("Teamets mødeforum er oprettet. Planlæg møderne her, fx en gang om måneden.")
    )
    return redirect("reflection:forum_detail", forum.pk)


def _initiative_form_page(
    request: HttpRequest, form: Form, intervention: Intervention, **context: object
) -> HttpResponse:
    context = {"form": form, "intervention": intervention, "initiative": None, **context}
    return render(request, "improvement/initiative_form.html", context, status=_status(form))


@login_required
def create_initiative(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = permissions.get_intervention_to_manage(request.user, intervention_id)
    form = forms.InitiativeForm(request.POST or None, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        initiative = run_service(
            form,
            services.create_initiative,
            by=request.user,
            intervention=intervention,
            **form.cleaned_data,
        )
        if initiative:
            messages.success(request, _("Forbedringstiltaget er oprettet."))
            return redirect("improvement:initiative_detail", initiative.pk)
    return _initiative_form_page(request, form, intervention)


@login_required
def create_initiative_from_point(request: HttpRequest, point_id: int) -> HttpResponse:
    """The same form, filled in from a development point ("Gør til forbedringstiltag")."""
    point = permissions.get_development_point_to_develop(request.user, point_id)
    form = forms.InitiativeForm(
        request.POST or None,
        initial=services.initial_from_point(point),
        intervention=point.intervention,
    )
    if request.method == "POST" and form.is_valid():
        initiative = run_service(
            form,
            services.create_initiative,
            by=request.user,
            intervention=point.intervention,
            development_point=point,
            **form.cleaned_data,
        )
        if initiative:
            messages.success(request, _("Udviklingspunktet er gjort til et forbedringstiltag."))
            return redirect("improvement:initiative_detail", initiative.pk)
    return _initiative_form_page(request, form, point.intervention, point=point)


@login_required
def update_initiative(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = permissions.get_initiative_for_user(request.user, initiative_id, manage=True)
    initial = {name: getattr(initiative, name) for name in services.INITIATIVE_FIELDS}
    form = forms.InitiativeForm(
        request.POST or None, initial=initial, intervention=initiative.intervention
    )
    saved = (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.update_initiative,
            by=request.user,
            initiative=initiative,
            **form.cleaned_data,
        )
    )
    if saved:
        messages.success(request, _("Forbedringstiltaget er gemt."))
        return redirect("improvement:initiative_detail", initiative.pk)
    return _initiative_form_page(request, form, initiative.intervention, initiative=initiative)


@login_required
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = permissions.get_initiative_for_user(request.user, initiative_id)
    context = {
        "initiative": initiative,
        "can_manage": permissions.can_manage_teams(request.user, initiative.intervention),
        "status_choices": Initiative.Status.choices,
        **trial_views.trials_context(request, initiative),
        **measure_views.measures_context(request, initiative),
    }
    return render(request, "improvement/initiative_detail.html", context)


def _board_url(data: dict[str, str]) -> str:
    """The board with the filters the card was posted from (ids only, nothing else)."""
    query = {key: data[key] for key in ("indsats", "enhed") if data.get(key, "").isdigit()}
    url = reverse("improvement:board")
    return f"{url}?{urlencode(query)}" if query else url


@require_POST
@login_required
def set_initiative_status(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = permissions.get_initiative_for_user(request.user, initiative_id, manage=True)
    form = forms.InitiativeStatusForm(request.POST)
    if form.is_valid():
        services.set_initiative_status(
            by=request.user, initiative=initiative, status=form.cleaned_data["status"]
        )
        messages.success(
            request,
            _("%(title)s er flyttet til %(status)s.")
            % {"title": initiative, "status": initiative.get_status_display()},
        )
    else:
        messages.error(request, _("Ukendt status for forbedringstiltaget."))
    if request.POST.get("fra") == "detalje":
        return redirect("improvement:initiative_detail", initiative.pk)
    return redirect(_board_url(request.POST))


def _filter_board(
    initiatives: QuerySet[Initiative], form: forms.BoardFilterForm
) -> QuerySet[Initiative]:
    if form.cleaned_data["indsats"]:
        initiatives = initiatives.filter(intervention=form.cleaned_data["indsats"])
    if form.cleaned_data["enhed"]:
        initiatives = initiatives.filter(unit__path__startswith=form.cleaned_data["enhed"].path)
    return initiatives


# Columns that only grow: each shows its count and a link until asked for (``?lukkede=vis``).
CLOSED_STATUSES = (Initiative.Status.DONE, Initiative.Status.ABANDONED)
_PLACEHOLDER_PK = 987654321  # reversed once, then replaced by each card's id


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Every initiative in the organisation, one column per status, in a fixed number of queries.

    The active columns show every card, so a leader sees all work in progress at once; the
    closed columns grow without end, so they show their count and a link until asked for. The
    issue's target is p95 ≤ 150 ms with 2,000 initiatives (bench/board.py). A filter value that is
    not an intervention or unit of the organisation gives a Danish message and the unfiltered
    board.
    """
    form = forms.BoardFilterForm(request.GET or None, organisation_id=request.user.organisation_id)
    initiatives = permissions.initiatives_visible_to(request.user)
    keep = {}
    if form.is_bound and form.is_valid():
        initiatives = _filter_board(initiatives, form)
        keep = {key: value.pk for key, value in form.cleaned_data.items() if value is not None}
    show_closed = request.GET.get("lukkede") == "vis"
    counts = dict(initiatives.order_by().values_list("status").annotate(Count("pk")))
    if not show_closed:
        initiatives = initiatives.exclude(status__in=CLOSED_STATUSES)
    cards = _board_cards(request.user, initiatives)
    context = {
        "form": form,
        "columns": [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "cards": [card for card in cards if card["status"] == value],
                "closed": value in CLOSED_STATUSES,
                "options": _status_options(value),
            }
            for value, label in Initiative.Status.choices
        ],
        "keep": keep,
        "show_closed": show_closed,
        "closed_url": f"?{urlencode({**keep, 'lukkede': 'vis'})}",
        "open_url": f"?{urlencode(keep)}",
        "filter_error": form.is_bound and not form.is_valid(),
    }
    return render(request, "improvement/board.html", context)


def _board_cards(user: User, initiatives: QuerySet[Initiative]) -> list[dict]:
    """The board's cards as dicts, their texts and addresses made here in one pass.

    With 2,000 cards the per-card work is what counts: the template finds a dict's keys at once
    (a model instance costs it a failed item lookup per variable), and reversing two addresses
    and formatting a date per card took as long as the template itself.
    """
    cards = list(
        initiatives.values(
            "pk", "title", "status", "aim_date", "intervention_id", "intervention__name",
            "unit__name",
        )
    )  # fmt: skip
    interventions = Intervention.objects.filter(pk__in={card["intervention_id"] for card in cards})
    managed = permissions.managed_intervention_ids(
        user, list(interventions.prefetch_related("units"))
    )
    placeholder = str(_PLACEHOLDER_PK)
    detail = reverse("improvement:initiative_detail", args=[_PLACEHOLDER_PK])
    move = reverse("improvement:set_initiative_status", args=[_PLACEHOLDER_PK])
    months = {number: str(name) for number, name in MONTHS.items()}
    whole = _("Hele indsatsen")
    for card in cards:
        pk, aim = str(card["pk"]), card["aim_date"]
        card["url"] = detail.replace(placeholder, pk)
        card["where"] = f"{card['intervention__name']} · {card['unit__name'] or whole}"
        # date_format(aim, "j. F Y"), at a fraction of its cost
        card["aim"] = _("Mål senest %(date)s") % {
            "date": f"{aim.day}. {months[aim.month]} {aim.year}"
        }
        if card["intervention_id"] in managed:
            card["action"] = move.replace(placeholder, pk)
            card["field"] = f"status-{pk}"
            card["label"] = _("Status for %(title)s") % {"title": card["title"]}
    return cards


def _status_options(current: str) -> str:
    """A status select's options, made once per column: every card in it has the same status."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == current else "", label)
            for value, label in Initiative.Status.choices
        ),
    )
