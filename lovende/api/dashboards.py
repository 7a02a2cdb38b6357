"""The dashboards as JSON: the same tables as the page and the Excel file, suppressed alike.

Each table is the page's table model (``dashboards.display.Table``): every cell carries its
text as shown ("færre end 5", "skjult", "12,5 %"), its number when it shows one, and whether it
was hidden, so a hidden figure never travels (SDC-01). Filters are the page's query parameters
and are checked by the page's forms: a bad filter answers 400 with the page's Danish messages.
"""

from django.forms import Form
from django.http import HttpRequest, QueryDict
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lovende.dashboards import intervention_dashboard, organisation_dashboard, permissions
from lovende.dashboards.display import Table
from lovende.dashboards.forms import DIMENSIONS

router = Router(tags=["Overblik"])
SPLITS = [value for value, _label in DIMENSIONS]


class CellOut(Schema):
    text: str
    number: int | float | None
    hidden: bool


class TableOut(Schema):
    key: str
    caption: str
    header: list[str]
    rows: list[list[CellOut]]


class DashboardOut(Schema):
    title: str
    tables: list[TableOut]


class ErrorOut(Schema):
    """A refusal: the reason in Danish (a bad filter names the field)."""

    detail: str


class ValidationErrorOut(Schema):
    """A path or query value of the wrong type (django-ninja's own check, before the view)."""

    detail: list[dict]


# Every answer the operations can give is described, so clients (and schemathesis) know them.
REFUSALS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
REFUSALS_WITH_LIMIT = {**REFUSALS, 429: ErrorOut}


# The filters stay strings so the page's own form checks them and a bad value answers 400 with the
# page's Danish message; the description still says what a good value looks like (API-01).
# A blank value means "no filter", as on the page, so every pattern accepts the empty string.
DATE = {"pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"}
ID = {"pattern": "^([0-9]+)?$"}
YEAR = {"pattern": "^([0-9]{4})?$"}


def _filter(hint: dict, description: str) -> str | None:
    return Field(None, description=description, json_schema_extra=hint)


class InterventionFilters(Schema):
    fra: str | None = _filter(DATE, "Forløb startet fra (ÅÅÅÅ-MM-DD)")
    til: str | None = _filter(DATE, "... til og med (ÅÅÅÅ-MM-DD)")
    enhed: str | None = _filter(ID, "En enhed blandt brugerens enheder")
    opdeling: str | None = _filter({"enum": ["", *SPLITS]}, "Opdeling")
    maaleredskab: str | None = _filter(ID, "Et måleredskab for udbytte")


class OrganisationFilters(Schema):
    fra: str | None = _filter(DATE, "Forløb startet fra (ÅÅÅÅ-MM-DD)")
    til: str | None = _filter(DATE, "... til og med (ÅÅÅÅ-MM-DD)")
    maalgruppe: str | None = _filter({}, "En målgruppe, som siden viser dem")
    aar: str | None = _filter(YEAR, "Året for udgift pr. forløb")


@router.get(
    "indsats/{intervention_id}",
    response={200: DashboardOut, **REFUSALS_WITH_LIMIT},
    url_name="intervention_overview",
)
def intervention_overview(
    request: HttpRequest, intervention_id: int, filters: Query[InterventionFilters]
) -> dict:
    intervention = permissions.get_intervention_for_dashboard(request.user, intervention_id)
    dashboard = intervention_dashboard.build(request.user, intervention, _params(filters))
    _refuse_bad_filters(dashboard.form)
    key_figures = dashboard.key_figures_table()
    tables = [key_figures, *dashboard.tables] if key_figures else dashboard.tables
    return _out(intervention.name, tables)


@router.get(
    "organisation",
    response={200: DashboardOut, **REFUSALS_WITH_LIMIT},
    url_name="organisation_overview",
)
def organisation_overview(request: HttpRequest, filters: Query[OrganisationFilters]) -> dict:
    permissions.require_organisation_dashboard(request.user)
    dashboard = organisation_dashboard.build(request.user, _params(filters))
    _refuse_bad_filters(dashboard.form)
    return _out("Organisation", dashboard.tables)


def _params(filters: Schema) -> QueryDict:
    params = QueryDict(mutable=True)
    for name, value in filters.dict().items():
        if value not in (None, ""):
            params[name] = value
    return params


def _refuse_bad_filters(form: Form) -> None:
    if form.errors:
        messages = "; ".join(f"{field}: {' '.join(errs)}" for field, errs in form.errors.items())
        raise HttpError(400, messages)


def _out(title: str, tables: list[Table]) -> dict:
    return {"title": title, "tables": [table.as_json() for table in tables]}
