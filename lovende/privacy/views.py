"""Pages for data-protection rights: access (art. 15), restriction (art. 18), erasure (art. 17)
and retention rules.

Every page answers 404 to whoever may not use it (privacy.permissions), and every page or file
that shows a citizen writes the access log first.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext, record_request_access
from lovende.citizens.permissions import courses_visible_to
from lovende.organisation.permissions import is_administrator
from lovende.pdf import html_to_pdf
from lovende.privacy import access_export, erasure, forms, permissions, services
from lovende.privacy.models import ART_17_NOTE, RetentionRule
from lovende.web import run_service

EXPORT_CRITERION = "Indsigt (art. 15)"


def _rules(user) -> list[dict]:
    """Each category with the period in force: the organisation's own rule, or the default."""
    own = {rule.category: rule for rule in permissions.retention_rules(user)}
    return [
        {
            "category": category,
            "label": label,
            "rule": own.get(category),
            "months": services.retention_months(user.organisation, category),
        }
        for category, label in RetentionRule.Category.choices
    ]


@login_required
def privacy_overview(request: HttpRequest) -> HttpResponse:
    """Administrators: find a citizen for a rights request, and the retention rules."""
    permissions.require_privacy_administrator(request.user)
    context = {"form": forms.FindCitizenForm(), "rules": _rules(request.user), "note": ART_17_NOTE}
    return render(request, "privacy/overview.html", context)


@require_POST
@login_required
def find_citizen(request: HttpRequest) -> HttpResponse:
    permissions.require_privacy_administrator(request.user)
    form = forms.FindCitizenForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "rules": _rules(request.user), "note": ART_17_NOTE}
        return render(request, "privacy/overview.html", context, status=422)
    citizen = permissions.find_citizen(request.user, **form.cleaned_data)
    record_request_access(
        request,
        AccessLog.Action.SEARCH,
        citizens=[citizen] if citizen else [],
        criterion=form.criterion(),
    )
    if citizen is None:
        messages.info(request, _("Ingen borger med dette CPR-nummer eller pseudonym."))
        return redirect("privacy:privacy_overview")
    return redirect("privacy:citizen_rights", citizen.pk)


def _rights_page(
    request: HttpRequest, citizen, restriction_form: forms.RestrictionForm | None = None
) -> HttpResponse:
    record_request_access(request, AccessLog.Action.VIEW, citizens=[citizen])
    context = {
        "citizen": citizen,
        "may_erase": is_administrator(request.user),
        "restriction_form": restriction_form or forms.RestrictionForm(),
    }
    status = 422 if restriction_form is not None and restriction_form.errors else 200
    return render(request, "privacy/citizen_rights.html", context, status=status)


@login_required
def citizen_rights(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """The citizen's rights page: the art. 15 export; restriction and erasure for administrators."""
    citizen = permissions.get_citizen_for_access_request(request.user, citizen_id)
    return _rights_page(request, citizen)


def _change_restriction(request: HttpRequest, citizen_id: int, service, done: str) -> HttpResponse:
    citizen = permissions.get_citizen_for_administrator(request.user, citizen_id)
    form = forms.RestrictionForm(request.POST)
    if form.is_valid() and run_service(
        form,
        service,
        by=request.user,
        context=AccessContext.of(request),
        citizen=citizen,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, done)
        return redirect("privacy:citizen_rights", citizen.pk)
    citizen.refresh_from_db()
    return _rights_page(request, citizen, form)


@require_POST
@login_required
def restrict_citizen(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """Restrict processing (art. 18): the record is kept and read, never changed, until lifted."""
    return _change_restriction(
        request,
        citizen_id,
        services.restrict_processing,
        _("Behandlingen er begrænset. Borgerens oplysninger kan ikke ændres, før den ophæves."),
    )


@require_POST
@login_required
def lift_restriction(request: HttpRequest, citizen_id: int) -> HttpResponse:
    return _change_restriction(
        request,
        citizen_id,
        services.lift_restriction,
        _("Begrænsningen er ophævet."),
    )


def _export(request: HttpRequest, citizen_id: int) -> dict:
    """The validated document; the export is logged first, so it lists itself last."""
    citizen = permissions.get_citizen_for_access_request(request.user, citizen_id)
    record_request_access(
        request, AccessLog.Action.EXPORT, citizens=[citizen], criterion=EXPORT_CRITERION
    )
    # Administrators answer for the whole record; an employee's export holds their courses
    visible = None if is_administrator(request.user) else courses_visible_to(request.user)
    document = access_export.build(citizen, visible)
    access_export.validate(document)
    return document


def _filename(document: dict, suffix: str) -> str:
    # The pseudonym, never the name or CPR number, names the file (PRIV-02)
    return f"indsigt-{document['citizen']['pseudonym']}-{timezone.localdate():%Y-%m-%d}.{suffix}"


@login_required
def export_access_json(request: HttpRequest, citizen_id: int) -> HttpResponse:
    document = _export(request, citizen_id)
    response = HttpResponse(
        access_export.as_json(document), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(document, "json")}"'
    return response


@login_required
def export_access_pdf(request: HttpRequest, citizen_id: int) -> HttpResponse:
    document = _export(request, citizen_id)
    html = render_to_string("privacy/access_export_pdf.html", {"d": document})
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(document, "pdf")}"'
    return response


@login_required
def erase_citizen(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """GET: what will be deleted; POST with the pseudonym typed: erase, all or nothing."""
    citizen = permissions.get_citizen_for_administrator(request.user, citizen_id)
    form = forms.ConfirmErasureForm(request.POST or None, expected=citizen.pseudonym)
    if request.method == "POST" and form.is_valid():
        services.erase_citizen(by=request.user, context=AccessContext.of(request), citizen=citizen)
        messages.success(
            request,
            _("Borgeren %(pseudonym)s er slettet. Adgangsloggens poster udløber af sig selv.")
            % {"pseudonym": citizen.pseudonym},
        )
        return redirect("privacy:privacy_overview")
    record_request_access(request, AccessLog.Action.VIEW, citizens=[citizen])
    context = {"citizen": citizen, "plan": erasure.plan(citizen), "form": form}
    return render(
        request, "privacy/erase_citizen.html", context, status=422 if form.errors else 200
    )


@login_required
def update_retention_rule(request: HttpRequest, category: str) -> HttpResponse:
    permissions.require_privacy_administrator(request.user)
    labels = dict(RetentionRule.Category.choices)
    if category not in labels:
        raise Http404
    current = permissions.retention_rules(request.user).filter(category=category).first()
    initial = {
        "months": services.retention_months(request.user.organisation, category),
        "note": current.note if current else "",
    }
    form = forms.RetentionRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_retention_rule(by=request.user, category=category, **form.cleaned_data)
        messages.success(request, _("Opbevaringsfristen er gemt."))
        return redirect("privacy:privacy_overview")
    context = {"form": form, "label": labels[category], "rule": current, "note": ART_17_NOTE}
    return render(
        request, "privacy/retention_rule_form.html", context, status=422 if form.errors else 200
    )
