"""The Danish template to fill in: the columns and what each must hold (xlsx and csv).

Downloads go through ``web.safe_cell`` (FILE-03): a unit or intervention name starting with
``=`` is written as text, never as a formula.
"""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _

from lovende.imports import columns as c
from lovende.web import safe_cell, xlsx_sheets_response


def explanations() -> list[tuple[str, str, str]]:
    """(column, required or not, what to write) in the template's order."""
    required, optional = _("Skal udfyldes"), _("Valgfri")
    return [
        (c.CPR, required, _("10 cifre, med eller uden bindestreg, fx 010190-1234.")),
        (c.FIRST_NAME, required, _("Borgerens fornavn.")),
        (c.LAST_NAME, required, _("Borgerens efternavn.")),
        (c.GENDER, required, _("kvinde, mand eller andet.")),
        (c.INTERVENTION, required, _("Indsatsens navn, som det står i Lovende.")),
        (c.UNIT, required, _("Enhedens navn. Du kan kun oprette forløb i dine egne enheder.")),
        (c.START, required, _("Forløbets startdato, dd-mm-åååå.")),
        (c.STATUS, optional, _("venter, aktiv, afsluttet eller afbrudt. Tom betyder aktiv.")),
        (c.END, optional, _("Kun for afsluttede eller afbrudte forløb, dd-mm-åååå.")),
        (c.INSTRUMENT, optional, _("Måleredskabets navn eller kode, fx ORS. Tom: ingen måling.")),
        (c.MEASURED_ON, optional, _("Målingens dato, dd-mm-åååå, inden for forløbet.")),
        (
            _("Svar 1 … Svar %(n)s") % {"n": c.MAX_ANSWERS},
            optional,
            _(
                "Svarene i den rækkefølge, måleredskabet stiller spørgsmålene. Decimaltal med komma, fx 7,5."
            ),
        ),
    ]


def template_header(answers: int) -> list[str]:
    return [*c.REQUIRED, *c.OPTIONAL[: 4 + answers]]


def xlsx_template(answers: int) -> HttpResponse:
    guide = [(column, need, text) for column, need, text in explanations()]
    notes = [
        (
            _(
                "Én række pr. forløb eller pr. måling. Gentag borger og forløb på hver målings række."
            ),
            "",
            "",
        ),
        (_("Filen kontrolleres helt, før noget gemmes. Er der fejl, gemmes intet."), "", ""),
    ]
    return xlsx_sheets_response(
        "lovende-import-skabelon.xlsx",
        [
            (_("Borgere"), template_header(answers), []),
            (_("Vejledning"), [_("Kolonne"), _("Udfyldning"), _("Forklaring")], guide + notes),
        ],
    )


def csv_template(answers: int) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lovende-import-skabelon.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with the BOM
    # Semicolons: Danish Excel uses the comma as decimal mark
    csv.writer(response, delimiter=";").writerow([safe_cell(h) for h in template_header(answers)])
    return response
