"""Reading and validating import files: encodings, separators, decimal comma and row errors
(SECURITY FILE-02). The pure modules need no database, except where a Lookup is built."""

import ast
import datetime
import io
from pathlib import Path

import pytest

from lovende.imports import reading, safety
from lovende.imports.services import validate_table
from lovende.privacy import services as privacy_services
from tests.imports import files

PACKAGE = Path(__file__).resolve().parents[2] / "lovende" / "imports"
PURE = ["safety.py", "reading.py", "columns.py", "validation.py"]


@pytest.mark.parametrize("module", PURE)
def test_it_keeps_the_import_parsers_free_of_django(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}

    assert not [name for name in imported if name.split(".")[0] == "django"]


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", ",")],
)
def test_it_reads_utf8_and_windows_text_with_either_separator(encoding, sep):
    # covers FILE-02: UTF-8 with or without BOM, cp1252, ";" or ","
    data = files.csv_bytes(files.demo_rows(), sep=sep, encoding=encoding)

    table = reading.read_csv(safety.decode_csv(data), max_rows=100)

    assert table.header == files.HEADER
    assert table.rows[2][1][2] == "Sørensen"
    assert table.rows[0][1][11] == "4,5"
    assert [number for number, _ in table.rows] == [2, 3, 4, 5]


def test_it_reads_xlsx_dates_and_numbers_as_text():
    rows = files.demo_rows()
    rows[0][6] = datetime.datetime(2025, 1, 6)  # noqa: DTZ001 — Excel dates have no zone
    rows[0][11] = 4.5
    rows[0][12] = 5

    table = reading.read_xlsx(io.BytesIO(files.xlsx_bytes(rows)), max_rows=100)

    assert table.rows[0][1][6] == "06-01-2025"
    assert table.rows[0][1][11:13] == ["4,5", "5"]


def test_it_refuses_more_rows_than_allowed():
    with pytest.raises(safety.RefusedFile) as refused:
        reading.read_csv(safety.decode_csv(files.csv_bytes(files.demo_rows())), max_rows=3)

    assert refused.value.code == "too_many_rows"


def errors_for(user, rows, header=files.HEADER):
    table = reading.read_csv(safety.decode_csv(files.csv_bytes(rows, header)), max_rows=100)
    _, summary, errors, _ = validate_table(user, table)
    return summary, {(e["row"], e["column"], e["code"]) for e in errors}


@pytest.mark.django_db
def test_it_accepts_the_demo_rows(importer):
    summary, errors = errors_for(importer, files.demo_rows())

    assert errors == set()
    assert (summary.new_citizens, summary.new_courses, summary.measurements) == (3, 3, 3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column", "value", "code"),
    [
        (0, 0, "0103154", "cpr_format"),
        (0, 0, "310215-4234", "cpr_date"),
        (0, 6, "2025/13/01", "date_format"),
        (0, 6, "", "required"),
        (3, 1, "", "required"),
        (0, 3, "hun", "gender"),
        (0, 4, "Ukendt indsats", "intervention"),
        (0, 5, "Familiebehandling Syd", "unit"),  # exists, but out of Mette's reach
        (0, 5, "Findes ikke", "unit"),
        (0, 10, "01-01-2025", "before_start"),
        (0, 10, "01-01-2099", "future"),
        (0, 11, "10,5", "answer_range"),
        (0, 12, "-1", "answer_range"),
        (0, 13, "mange", "number"),
        (0, 14, "", "answer_missing"),
        (0, 9, "WHO-5 ukendt", "instrument"),
        (3, 11, "5", "instrument_missing"),
        (0, 7, "ukendt", "status"),
        (0, 8, "01-02-2025", "end_open"),
    ],
)
def test_it_names_row_column_and_problem(importer, row, column, value, code):
    # covers FILE-02 and VAL-01: CPR, dates, scores in range, measurement within the course
    rows = files.demo_rows()
    rows[row][column] = value

    _, errors = errors_for(importer, rows)

    where = "Måleredskab" if code == "instrument_missing" else files.HEADER[column]
    assert (row + 2, where, code) in errors


@pytest.mark.django_db
def test_it_finds_errors_across_rows(importer):
    rows = [*files.demo_rows(), files.demo_rows()[2]]
    rows[1][2] = "Andersen"
    rows[3][6] = "01-01-2025"

    _, errors = errors_for(importer, rows)

    assert (6, "CPR-nummer", "duplicate") in errors
    assert (3, "Fornavn", "cpr_conflict") in errors


@pytest.mark.django_db
def test_it_refuses_unknown_and_missing_columns_in_row_1(importer):
    header = [*files.HEADER[1:], "Kommentar"]
    rows = [[*row[1:], "x"] for row in files.demo_rows()]

    _, errors = errors_for(importer, rows, header)

    assert errors == {(1, "Kommentar", "unknown_column"), (1, "CPR-nummer", "missing_column")}


@pytest.mark.django_db
def test_it_refuses_a_measurement_in_a_closed_course(importer):
    rows = files.demo_rows()
    rows[2][7], rows[2][8] = "afsluttet", "28-02-2025"

    _, errors = errors_for(importer, rows)

    assert (4, "Status", "closed_measurement") in errors


@pytest.mark.django_db
def test_it_refuses_new_records_for_a_restricted_citizen(importer, ida, nord_course):
    # covers PRIV-03: art. 18 — the preview already says so, before anything is committed
    privacy_services.restrict_processing(
        by=ida, context=None, citizen=nord_course.citizen, reason="Bestrider rigtigheden."
    )

    _, errors = errors_for(importer, files.demo_rows())

    assert {(row, code) for row, _column, code in errors} == {(2, "restricted"), (3, "restricted")}
