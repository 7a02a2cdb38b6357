"""Import of citizens, courses and measurements: upload, check in steps, preview, commit."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lovende.audit.services import AccessContext, record_rejected_input
from lovende.citizens.cpr import looks_like_cpr, mask
from lovende.imports import columns, example_file, forms, progress, services
from lovende.imports.messages import row_message
from lovende.imports.validation import check_header, cross_check, validate_rows

PREVIEW_ROWS = 10
SHOWN_ERRORS = 500


def _require_import(request: HttpRequest) -> None:
    # The same 404 as the citizen pages for staff who may not create courses anywhere
    if not services.may_import(request.user):
        raise Http404


@login_required
def upload_file(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            progress.start(request.session, form.cleaned_data["file"])
            return redirect("imports:preview")
        # LOG-03: which check refused the file, never the file's name or content
        codes = [e.code or "invalid" for e in form.errors.as_data().get("file", [])]
        record_rejected_input(request=request, what="import: fil", fields=codes)
    return render(
        request,
        "imports/upload.html",
        {"form": form, "columns": example_file.explanations(), "section": "citizens"},
        status=422 if form.errors else 200,
    )


@login_required
def preview(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    state = progress.current(request.session)
    if state is None:
        return redirect("imports:upload_file")
    return render(request, "imports/preview.html", _preview_context(state))


def _preview_context(state: dict) -> dict:
    errors = state["errors"]
    return {
        "state": state,
        "checked": progress.is_checked(state),
        "percent": progress.percent(state),
        "total": len(state["rows"]),
        "summary": state["summary"],
        "error_count": len(errors),
        "errors": [row_message(e) for e in errors[:SHOWN_ERRORS]],
        "header": state["header"],
        "first_rows": _masked(state["header"], state["rows"][:PREVIEW_ROWS]),
        "section": "citizens",
    }


def _masked(header: list[str], rows: list) -> list[tuple[int, list[str]]]:
    """The first rows as typed, with CPR numbers shown as on every other page (010190-****)."""
    index, _ = check_header(header)
    position = index.get(columns.CPR)
    shown = []
    for number, cells in rows:
        cells = list(cells)
        if position is not None and position < len(cells) and looks_like_cpr(cells[position]):
            cells[position] = mask(cells[position].replace("-", ""))
        shown.append((number, cells))
    return shown


@login_required
@require_POST
def validate_step(request: HttpRequest) -> HttpResponse:
    """Check the next chunk of rows; after the last, the checks across rows and the counts."""
    _require_import(request)
    state = progress.current(request.session)
    if state is None:
        return redirect("imports:upload_file")
    if not progress.is_checked(state):
        _step(request, state)
        progress.save(request.session, state)
    if request.htmx:
        if progress.is_checked(state):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("imports:preview")
            return response
        return render(request, "imports/_progress.html", _preview_context(state))
    return redirect("imports:preview")


def _step(request: HttpRequest, state: dict) -> None:
    table = progress.table_of(state)
    index, header_errors = check_header(table.header)
    if header_errors:
        state["done"], state["errors"] = len(table.rows), header_errors
    else:
        chunk = progress.next_chunk(state)
        lookup = services.build_lookup(request.user, services.cprs_in(table, chunk))
        parsed, errors = validate_rows(chunk, index, lookup)
        state["parsed"] += parsed
        state["errors"] += errors
        state["done"] += len(chunk)
    if state["done"] < len(table.rows):
        return
    lookup = services.build_lookup(request.user, {row["cpr"] for row in state["parsed"]})
    summary, errors = cross_check(state["parsed"], lookup)
    summary.rows = len(table.rows)
    state["errors"] = sorted(state["errors"] + errors, key=lambda e: (e["row"], e["column"]))
    state["summary"] = asdict(summary)
    state["parsed"] = []  # the commit validates the rows again; no need to keep two copies
    if state["errors"]:
        _record_row_errors(request, state["errors"])
    services.record_preview(by=request.user, context=AccessContext.of(request), lookup=lookup)


def _record_row_errors(request: HttpRequest, errors: list[dict]) -> None:
    """LOG-03: a refused import, by the columns with errors (never the values: CPR, names)."""
    record_rejected_input(
        request=request, what="import: rækker", fields={error["column"] for error in errors}
    )


@login_required
@require_POST
def commit_import(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    state = progress.current(request.session)
    if state is None or not progress.is_checked(state) or state["errors"]:
        return redirect("imports:preview")
    try:
        summary = services.commit_import(
            by=request.user, context=AccessContext.of(request), table=progress.table_of(state)
        )
    except services.ImportInvalid as invalid:
        state["errors"] = invalid.errors
        _record_row_errors(request, invalid.errors)
        progress.save(request.session, state)
        messages.error(
            request, _("Importen blev afbrudt, og intet er gemt. Ret fejlene og prøv igen.")
        )
        return redirect("imports:preview")
    progress.clear(request.session)
    messages.success(
        request,
        _(
            "Importen er gemt: %(citizens)s nye borgere, %(courses)s nye forløb og %(measurements)s målinger."
        )
        % {
            "citizens": summary.new_citizens,
            "courses": summary.new_courses,
            "measurements": summary.measurements,
        },
    )
    return redirect("citizens:course_list")


@login_required
@require_POST
def cancel_import(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    progress.clear(request.session)
    messages.info(request, _("Importen er annulleret; intet er gemt."))
    return redirect("imports:upload_file")


@login_required
def template_xlsx(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    return example_file.xlsx_template(services.answer_columns(request.user))


@login_required
def template_csv(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    return example_file.csv_template(services.answer_columns(request.user))
