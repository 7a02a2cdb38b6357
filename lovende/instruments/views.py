from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.instruments import forms, library, permissions, scoring, services
from lovende.instruments.messages import definition_messages
from lovende.instruments.models import Instrument, InstrumentVersion
from lovende.interventions.permissions import interventions_visible_to
from lovende.measurements.forms import MeasurementForm
from lovende.web import run_service

EDITOR = "instruments/instrument_form.html"
MORE, PREVIEW = "flere", "forhaandsvisning"  # names of the editor's extra submit buttons


@login_required
def instrument_list(request: HttpRequest) -> HttpResponse:
    return render(request, "instruments/instrument_list.html", _list_context(request))


def _list_context(request: HttpRequest) -> dict:
    history = InstrumentVersion.objects.order_by("-number")
    instruments = permissions.instruments_visible_to(request.user).prefetch_related(
        "interventions", Prefetch("versions", queryset=history, to_attr="history")
    )
    rows = [(instrument, _summary(instrument.history[0])) for instrument in instruments]
    installed = {instrument.code for instrument in instruments}
    can_manage = permissions.can_manage_instruments(request.user)
    available = [
        (entry, _summary(InstrumentVersion(definition=entry)))
        for entry in library.BUILT_IN
        if can_manage and entry["code"] not in installed
    ]
    return {"rows": rows, "library": available, "can_manage": can_manage}


@require_POST
@login_required
def install_builtin(request: HttpRequest) -> HttpResponse:
    permissions.check_can_manage_instruments(request.user)
    form = forms.InstallForm(request.POST)
    if not form.is_valid():
        context = {**_list_context(request), "install_form": form}
        return render(request, "instruments/instrument_list.html", context, status=422)
    instrument = services.install_builtin(
        organisation=request.user.organisation, code=form.cleaned_data["code"], by=request.user
    )
    messages.success(
        request,
        _("%(name)s er tilføjet til kommunen. Slå det til for de indsatser, der skal bruge det.")
        % {"name": instrument.name},
    )
    return redirect("instruments:instrument_detail", instrument.pk)


@login_required
def instrument_detail(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = permissions.get_instrument_for_user(request.user, instrument_id)
    return render(
        request, "instruments/instrument_detail.html", _detail_context(request, instrument)
    )


def _detail_context(
    request: HttpRequest, instrument: Instrument, form: forms.InterventionsForm | None = None
) -> dict:
    versions = list(instrument.versions.select_related("created_by").order_by("-number"))
    can_manage = permissions.can_manage_instruments(request.user)
    if can_manage and form is None:
        form = forms.InterventionsForm(
            initial={"interventions": instrument.interventions.all()},
            interventions=interventions_visible_to(request.user),
        )
    return {
        "instrument": instrument,
        "current": versions[0],
        "versions": versions,
        "described": _described(versions[0].definition),
        "preview": _preview_form(versions[0].definition),
        "enabled": instrument.interventions.all(),
        "interventions_form": form,
        "can_manage": can_manage,
    }


@require_POST
@login_required
def choose_interventions(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = permissions.get_instrument_for_user(request.user, instrument_id, manage=True)
    form = forms.InterventionsForm(
        request.POST, interventions=interventions_visible_to(request.user)
    )
    if not form.is_valid():
        context = _detail_context(request, instrument, form)
        return render(request, "instruments/instrument_detail.html", context, status=422)
    chosen, enabled = set(form.cleaned_data["interventions"]), set(instrument.interventions.all())
    with transaction.atomic():  # all the ticks or none of them
        for intervention in chosen - enabled:
            services.enable_instrument(instrument=instrument, intervention=intervention)
        for intervention in enabled - chosen:
            services.disable_instrument(instrument=instrument, intervention=intervention)
    messages.success(
        request, _("Indsatserne, der bruger %(name)s, er gemt.") % {"name": instrument}
    )
    return redirect("instruments:instrument_detail", instrument.pk)


@login_required
def create_instrument(request: HttpRequest) -> HttpResponse:
    permissions.check_can_manage_instruments(request.user)
    source = _source(request)
    base = services.current_version(source).definition if source else {}
    initial = forms.copy_initial(source.name, source.code, base) if source else None
    form, items = _editor_forms(request, initial, forms.item_rows(base), creating=True)
    definition = _submitted_definition(request, form, items, base)
    if definition is None or PREVIEW in request.POST:
        return _editor(request, form, items, definition, source=source)
    instrument = run_service(
        form,
        services.create_instrument,
        by=request.user,
        code=form.cleaned_data["code"],
        name=form.cleaned_data["name"],
        definition=definition,
    )
    if instrument is None:
        return _editor(request, form, items, None, source=source)
    messages.success(request, _("Måleredskabet %(name)s er oprettet.") % {"name": instrument})
    return redirect("instruments:instrument_detail", instrument.pk)


@login_required
def revise_instrument(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = permissions.get_instrument_for_user(request.user, instrument_id, manage=True)
    current = services.current_version(instrument)
    initial = {**forms.initial_from(current.definition), "name": instrument.name}
    form, items = _editor_forms(request, initial, forms.item_rows(current.definition))
    definition = _submitted_definition(request, form, items, current.definition)
    if definition is None or PREVIEW in request.POST:
        return _editor(request, form, items, definition, instrument=instrument, current=current)
    version = run_service(
        form,
        services.revise_instrument,
        by=request.user,
        instrument=instrument,
        name=form.cleaned_data["name"],
        definition=definition,
    )
    if version is None:
        return _editor(request, form, items, None, instrument=instrument, current=current)
    messages.success(request, _revised_message(version, current))
    return redirect("instruments:instrument_detail", instrument.pk)


def _revised_message(version: InstrumentVersion, previous: InstrumentVersion) -> str:
    if version.pk == previous.pk:
        return _("Intet er ændret, så %(name)s er stadig version %(number)s.") % {
            "name": version.instrument,
            "number": version.number,
        }
    return _(
        "Version %(number)s af %(name)s er gemt. Målinger, der allerede er registreret, "
        "beholder deres version."
    ) % {"name": version.instrument, "number": version.number}


def _source(request: HttpRequest) -> Instrument | None:
    """The instrument named by ``?fra=``, to start a new one from; 404 outside the organisation."""
    wanted = request.GET.get("fra", "")
    if not wanted.isdigit():
        return None
    return permissions.get_instrument_for_user(request.user, int(wanted))


def _editor_forms(
    request: HttpRequest, initial: dict | None, rows: list[dict], *, creating: bool = False
) -> tuple[forms.InstrumentForm, forms.BaseItemFormSet]:
    if request.method == "POST":
        # No initial rows: a posted row counts when it has content, not when it differs from them.
        return (
            forms.InstrumentForm(request.POST, creating=creating),
            forms.ItemFormSet(request.POST),
        )
    return (
        forms.InstrumentForm(initial=initial, creating=creating),
        forms.ItemFormSet(initial=rows),
    )


def _submitted_definition(
    request: HttpRequest,
    form: forms.InstrumentForm,
    items: forms.BaseItemFormSet,
    base: Mapping,
) -> dict | None:
    """The definition posted for preview or saving; None on a GET, for more rows, or when invalid."""
    if request.method != "POST" or MORE in request.POST:
        return None
    form_is_valid = form.is_valid()  # both are validated, so every error shows at once
    if not (items.is_valid() and form_is_valid):
        return None
    return form.definition(items.definition_items(), base)


def _editor(
    request: HttpRequest,
    form: forms.InstrumentForm,
    items: forms.BaseItemFormSet,
    definition: dict | None,
    **context: object,
) -> HttpResponse:
    """The define/revise page: as asked, with more rows, with a preview, or with errors (422)."""
    if MORE in request.POST:
        form, items = form.unbound_copy(), items.with_more_rows()
    preview = _checked_preview(form, definition) if definition else None
    invalid = bool(form.errors) or items.total_error_count() > 0
    context |= {"form": form, "items": items, "preview": preview}
    return render(request, EDITOR, context, status=422 if invalid else 200)


def _checked_preview(form: forms.InstrumentForm, definition: dict) -> dict | None:
    """The preview of a sound definition; for a malformed one, its problems land on the form."""
    try:
        scoring.validate_definition(definition)
    except scoring.InvalidDefinition as error:
        form.add_error(None, definition_messages(error))
        return None
    return {"described": _described(definition), "form": _preview_form(definition)}


def _preview_form(definition: dict) -> MeasurementForm:
    """The measurement form the definition produces, shown but not usable."""
    preview = MeasurementForm(version=InstrumentVersion(definition=definition), auto_id="vis_%s")
    for field in preview.fields.values():
        field.disabled = True
        field.widget.attrs.pop("autofocus", None)  # the real page focuses the first answer
    return preview


def _number(value: float) -> str:
    value = round(float(value), 2)
    return formats.number_format(int(value) if value.is_integer() else value)


def _summary(version: InstrumentVersion) -> dict:
    """The few facts the list shows about a definition."""
    definition = version.definition
    return {
        "version": version,
        "respondent": dict(forms.RESPONDENT_CHOICES).get(definition.get("respondent", "citizen")),
        "scoring": _scoring_text(definition["scoring"]),
        "items": len(definition["items"]),
    }


def _scoring_text(rule: Mapping) -> str:
    if rule["method"] != "linear":
        return str(dict(forms.SCORING_CHOICES)[rule["method"]])
    numbers = {"factor": _number(rule.get("factor", 1)), "offset": _number(rule.get("offset", 0))}
    if rule.get("offset", 0) == 0:
        return _("Summen × %(factor)s") % numbers
    return _("Summen × %(factor)s + %(offset)s") % numbers


def _described(definition: Mapping) -> dict:
    """The definition in words and numbers, as the detail page and the preview show it."""
    low, high = scoring.score_range(definition)
    return {
        "respondent": dict(forms.RESPONDENT_CHOICES).get(definition.get("respondent", "citizen")),
        "self_report": definition.get("self_report", False),
        "scoring": _scoring_text(definition["scoring"]),
        "range": (_number(low), _number(high)),
        "direction": dict(forms.DIRECTION_CHOICES).get(definition["direction"]),
        "cutoffs": [_cutoff(definition, cutoff) for cutoff in definition.get("cutoffs", [])],
        "reliable_change": _reliable_change(definition),
        "is_gas": definition.get("kind") == "gas",
        "items": [_item(item) for item in scoring.items_of(definition)],
        "subscales": _subscales(definition),
        "sources": definition.get("sources", []),
    }


def _item(item: scoring.Item) -> dict:
    return {
        "label": item.label,
        "min": _number(item.min),
        "max": _number(item.max),
        "step": _number(item.step),
        "anchors": item.anchors,
    }


def _cutoff(definition: Mapping, cutoff: Mapping) -> dict:
    value, inclusive = _number(cutoff["value"]), cutoff.get("inclusive", False)
    if definition["direction"] == "higher_better":
        side = _("%(value)s eller derunder") if inclusive else _("under %(value)s")
    else:
        side = _("%(value)s eller derover") if inclusive else _("over %(value)s")
    return {"label": cutoff.get("label", ""), "side": side % {"value": value}}


def _reliable_change(definition: Mapping) -> dict | None:
    rule = definition.get("reliable_change")
    if not rule:
        return None
    threshold = _number(scoring.reliable_change_threshold(definition))
    if rule["method"] == "fixed":
        return {
            "rule": _("Fast antal point"),
            "threshold": _("En ændring på %(points)s point eller mere er pålidelig.")
            % {"points": threshold},
        }
    return {
        "rule": _("Jacobson–Truax med SD %(sd)s og reliabilitet %(r)s")
        % {"sd": _number(rule["sd"]), "r": _number(rule["reliability"])},
        "threshold": _(
            "En ændring på mere end %(points)s point er pålidelig (1,96 × √2 × SD × √(1 − r))."
        )
        % {"points": threshold},
    }


def _subscales(definition: Mapping) -> list[dict]:
    labels = {item.key: item.label for item in scoring.items_of(definition)}
    return [
        {"label": subscale.get("label", ""), "items": [labels[key] for key in subscale["items"]]}
        for subscale in definition.get("subscales", [])
    ]
