from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.improvement import forms, permissions, services
from lovende.improvement.models import QualityTeam
from lovende.interventions.permissions import get_intervention_for_user
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
