"""Small pieces every app's views share: running a service from a form, paging, CSV/Excel."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook

T = TypeVar("T")

PAGE_SIZE = 25
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")


def run_service(form: Form, service: Callable[..., T], **kwargs: Any) -> T | None:
    """Call ``service``; a ValidationError it raises lands on the form instead of a 500."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None


def paginate(request: HttpRequest, items: Sequence[T] | Any) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("side"))


def safe_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in text cells (FILE-03)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


Sheet = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # title, header, rows


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """An Excel download of one sheet."""
    return xlsx_sheets_response(filename, [("Data", header, rows)])


def xlsx_sheets_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """An Excel download with every text cell written as text, never as a formula (FILE-03)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([str(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    workbook.save(response)
    return response
