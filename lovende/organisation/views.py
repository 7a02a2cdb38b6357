from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.citizens import aggregates
from lovende.organisation import forms, permissions, services
from lovende.organisation.models import Role, User
from lovende.web import paginate, run_service


def _require_admin(user: User) -> None:
    if not permissions.is_administrator(user):
        raise PermissionDenied


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = permissions.units_visible_to(request.user).annotate(
        staff_count=Count("roles__user", distinct=True)
    )
    counts = aggregates.active_citizens_by_unit(request.user)
    rows = [(unit, counts.get(unit.pk)) for unit in units]
    return render(
        request,
        "organisation/unit_list.html",
        {"rows": rows, "is_admin": permissions.is_administrator(request.user)},
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for_user(request.user, unit_id)
    roles = unit.roles.select_related("user", "user__professional_group").order_by(
        "kind", "user__first_name"
    )
    counts = aggregates.active_citizens_by_unit(request.user)
    children = [(child, counts.get(child.pk)) for child in unit.children.all()]
    context = {
        "unit": unit,
        "ancestors": permissions.units_visible_to(request.user).filter(
            pk__in=unit.ancestor_ids()[:-1]
        ),
        "children": children,
        "roles": roles,
        "interventions": unit.interventions.all(),
        "active_citizens": counts.get(unit.pk),
        "is_admin": permissions.is_administrator(request.user),
    }
    return render(request, "organisation/unit_detail.html", context)


@login_required
def create_unit(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    organisation = request.user.organisation
    form = forms.UnitForm(
        request.POST or None,
        organisation=organisation,
        initial={"parent": request.GET.get("parent")},
    )
    if request.method == "POST" and form.is_valid():
        unit = run_service(
            form, services.create_unit, organisation=organisation, **form.cleaned_data
        )
        if unit:
            messages.success(request, _("Enheden %(name)s er oprettet.") % {"name": unit.name})
            return redirect("organisation:unit_detail", unit.pk)
    return render(
        request, "organisation/unit_form.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
def update_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    _require_admin(request.user)
    unit = permissions.get_unit_for_user(request.user, unit_id)
    initial = {"name": unit.name, "kind": unit.kind, "parent": unit.parent_id}
    form = forms.UnitForm(request.POST or None, organisation=unit.organisation, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.update_unit, unit=unit, **form.cleaned_data)
    ):
        messages.success(request, _("Enheden er gemt."))
        return redirect("organisation:unit_detail", unit.pk)
    return render(
        request,
        "organisation/unit_form.html",
        {"form": form, "unit": unit},
        status=422 if form.errors else 200,
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = permissions.staff_visible_to(request.user).select_related("professional_group")
    query = request.GET.get("q", "").strip()
    if query:
        staff = staff.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(job_title__icontains=query)
        )
    if group := request.GET.get("faggruppe"):
        staff = staff.filter(professional_group_id=group if group.isdigit() else None)
    staff = staff.prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("unit")))
    context = {
        "page": paginate(request, staff),
        "query": query,
        "groups": permissions.professional_groups_visible_to(request.user),
        "selected_group": request.GET.get("faggruppe", ""),
        "is_admin": permissions.is_administrator(request.user),
    }
    return render(request, "organisation/staff_list.html", context)


@login_required
def staff_detail(request: HttpRequest, staff_id: int) -> HttpResponse:
    staff = permissions.get_staff_for_user(request.user, staff_id)
    is_admin = permissions.is_administrator(request.user)
    role_form = forms.RoleForm(organisation=staff.organisation) if is_admin else None
    context = {
        "staff": staff,
        "roles": staff.roles.select_related("unit"),
        "role_form": role_form,
        "is_admin": is_admin,
    }
    return render(request, "organisation/staff_detail.html", context)


@login_required
def create_staff(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    organisation = request.user.organisation
    form = forms.NewStaffForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        staff = run_service(
            form, services.create_staff, organisation=organisation, **form.cleaned_data
        )
        if staff:
            messages.success(
                request,
                _("%(name)s er oprettet. Giv medarbejderen en rolle herunder.") % {"name": staff},
            )
            return redirect("organisation:staff_detail", staff.pk)
    return render(
        request, "organisation/staff_form.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
def update_staff(request: HttpRequest, staff_id: int) -> HttpResponse:
    _require_admin(request.user)
    staff = permissions.get_staff_for_user(request.user, staff_id)
    initial = {
        f: getattr(staff, f) for f in ("first_name", "last_name", "email", "job_title", "is_active")
    }
    initial["professional_group"] = staff.professional_group_id
    form = forms.EditStaffForm(
        request.POST or None, organisation=staff.organisation, initial=initial
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.update_staff, staff=staff, **form.cleaned_data)
    ):
        messages.success(request, _("Medarbejderen er gemt."))
        return redirect("organisation:staff_detail", staff.pk)
    return render(
        request,
        "organisation/staff_form.html",
        {"form": form, "staff": staff},
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def assign_role(request: HttpRequest, staff_id: int) -> HttpResponse:
    _require_admin(request.user)
    staff = permissions.get_staff_for_user(request.user, staff_id)
    form = forms.RoleForm(request.POST, organisation=staff.organisation)
    if form.is_valid() and run_service(form, services.assign_role, user=staff, **form.cleaned_data):
        messages.success(request, _("Rollen er tilføjet."))
        return redirect("organisation:staff_detail", staff.pk)
    context = {
        "staff": staff,
        "roles": staff.roles.select_related("unit"),
        "role_form": form,
        "is_admin": True,
    }
    return render(request, "organisation/staff_detail.html", context, status=422)


@require_POST
@login_required
def remove_role(request: HttpRequest, role_id: int) -> HttpResponse:
    _require_admin(request.user)
    role = permissions.get_role_for_user(request.user, role_id)
    services.remove_role(role=role)
    messages.success(request, _("Rollen %(role)s er fjernet.") % {"role": role})
    return redirect("organisation:staff_detail", role.user_id)


@login_required
def professional_group_list(request: HttpRequest) -> HttpResponse:
    groups = permissions.professional_groups_visible_to(request.user).annotate(
        member_count=Count("members")
    )
    is_admin = permissions.is_administrator(request.user)
    form = forms.ProfessionalGroupForm(request.POST or None) if is_admin else None
    if request.method == "POST":
        _require_admin(request.user)
        if form.is_valid() and run_service(
            form,
            services.create_professional_group,
            organisation=request.user.organisation,
            **form.cleaned_data,
        ):
            messages.success(request, _("Faggruppen er oprettet."))
            return redirect("organisation:professional_group_list")
    context = {"groups": groups, "form": form, "is_admin": is_admin}
    return render(
        request,
        "organisation/professional_group_list.html",
        context,
        status=422 if form and form.errors else 200,
    )


@login_required
def rename_professional_group(request: HttpRequest, group_id: int) -> HttpResponse:
    _require_admin(request.user)
    group = permissions.get_professional_group_for_user(request.user, group_id)
    form = forms.ProfessionalGroupForm(request.POST or None, initial={"name": group.name})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.rename_professional_group, group=group, **form.cleaned_data)
    ):
        messages.success(request, _("Faggruppen er omdøbt."))
        return redirect("organisation:professional_group_list")
    return render(
        request,
        "organisation/professional_group_form.html",
        {"form": form, "group": group},
        status=422 if form.errors else 200,
    )
