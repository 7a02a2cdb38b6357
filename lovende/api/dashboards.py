"""The dashboards as JSON: the same tables as the page and the Excel file, suppressed alike.

Each table is the page's table model (``dashboards.display.Table``): every cell carries its
text as shown ("færre end 5", "skjult", "12,5 %"), its number when it shows one, and whether it
was hidden, so a hidden figure never travels (SDC-01). Filters are the page's query parameters
and are checked by the page's forms: a bad filter answers 400 with the page's Danish messages.
"""

from django.forms import Form
from django.http import HttpRequest, QueryDict
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from lovende.dashboards import intervention_dashboard, organisation_dashboard, permissions
from lovende.dashboards.display import Table

router = Router(tags=["Overblik"])


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


class InterventionFilters(Schema):
    fra: str | None = None  # courses started from (YYYY-MM-DD)
    til: str | None = None  # ... up to and including
    enhed: str | None = None  # a unit id within the user's units
    opdeling: str | None = None  # enhed, faggruppe, koen or alder
    maaleredskab: str | None = None  # an outcome instrument id


class OrganisationFilters(Schema):
    fra: str | None = None
    til: str | None = None
    maalgruppe: str | None = None  # a target group as the page lists it
    aar: str | None = None  # the year for cost per course


@router.get("indsats/{intervention_id}", response=DashboardOut, url_name="intervention_overview")
def intervention_overview(
    request: HttpRequest, intervention_id: int, filters: Query[InterventionFilters]
) -> dict:
    intervention = permissions.get_intervention_for_dashboard(request.user, intervention_id)
    dashboard = intervention_dashboard.build(request.user, intervention, _params(filters))
    _refuse_bad_filters(dashboard.form)
    key_figures = dashboard.key_figures_table()
    tables = [key_figures, *dashboard.tables] if key_figures else dashboard.tables
    return _out(intervention.name, tables)


@router.get("organisation", response=DashboardOut, url_name="organisation_overview")
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
