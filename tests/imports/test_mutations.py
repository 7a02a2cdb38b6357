"""Mutation fuzzing: a valid file with 1–5 mutations is imported whole or not at all, and every
error names a row (SECURITY FILE-02)."""

import io
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lovende.audit.services import AccessContext
from lovende.citizens.models import Citizen, Course
from lovende.imports import reading, safety
from lovende.imports.messages import row_message
from lovende.imports.services import ImportInvalid, commit_import
from lovende.measurements.models import Measurement
from tests.imports import files

pytestmark = pytest.mark.django_db
CONTEXT = AccessContext(page="/import/gem/", ip_address=None, request_id="fuzz")
KINDS = [
    "drop_column",
    "swap_columns",
    "bad_cpr",
    "score_out_of_range",
    "duplicate_row",
    "blank_required",
    "wrong_date",
    "truncate",
]
REQUIRED_COLUMNS = range(7)


def _drop_column(header, rows, row, pick):
    column = pick % len(header)
    for line in (header, *rows):
        del line[column]


def _swap_columns(header, rows, row, pick):
    a, b = pick % len(header), (pick // 7) % len(header)
    for line in (header, *rows):
        line[a], line[b] = line[b], line[a]


def _set(column, values):
    def change(header, rows, row, pick):
        if column in header:
            row[header.index(column)] = values[pick % len(values)]

    return change


def _duplicate_row(header, rows, row, pick):
    rows.append(list(row))


def _blank_required(header, rows, row, pick):
    row[REQUIRED_COLUMNS[pick % 7] % len(row)] = ""


MUTATIONS = {
    "drop_column": _drop_column,
    "swap_columns": _swap_columns,
    "bad_cpr": _set("CPR-nummer", ["3102154234", "12345", "01-01-01-01", "abcdefghij"]),
    "score_out_of_range": _set("Svar 1", ["11", "-0,5", "99", "10,01"]),
    "duplicate_row": _duplicate_row,
    "blank_required": _blank_required,
    "wrong_date": _set("Startdato", ["2025/01/06", "6. januar 2025", "32-01-2025", "06012025"]),
}


def mutate(header, rows, kind, pick):
    """Apply one mutation in place; ``pick`` chooses where. Returns a truncation fraction or None."""
    if kind == "truncate":
        return 0.3 + (pick % 60) / 100
    if header and rows:
        MUTATIONS[kind](header, rows, rows[pick % len(rows)], pick)
    return None


def counts():
    return (Citizen.objects.count(), Course.objects.count(), Measurement.objects.count())


def test_it_imports_all_or_nothing_for_mutated_files(importer):
    tally = Counter()

    @given(
        mutations=st.lists(
            st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6)), min_size=1, max_size=5
        ),
        kind=st.sampled_from(["csv", "xlsx"]),
    )
    # Two fixed files, so both outcomes are always seen: a harmless swap, and a bad CPR
    @example(mutations=[("swap_columns", 8)], kind="csv")
    @example(mutations=[("bad_cpr", 0)], kind="xlsx")
    @settings(max_examples=80, deadline=None, database=None)
    def one_file(mutations, kind):
        header, rows = list(files.HEADER), files.demo_rows()
        cut = None
        for mutation, pick in mutations:
            cut = mutate(header, rows, mutation, pick) or cut
        data = files.csv_bytes(rows, header) if kind == "csv" else files.xlsx_bytes(rows, header)
        if cut:
            data = data[: int(len(data) * cut)]
        tally["files"] += 1
        with transaction.atomic():
            before = counts()
            try:
                if kind == "csv":
                    table = reading.read_csv(safety.decode_csv(data), max_rows=1000)
                else:
                    safety.check_xlsx(io.BytesIO(data))
                    table = reading.read_xlsx(io.BytesIO(data), max_rows=1000)
            except safety.RefusedFile:
                tally["refused files"] += 1
                assert counts() == before
                transaction.set_rollback(True)
                return
            errors = []
            try:
                summary = commit_import(by=importer, context=CONTEXT, table=table)
            except ImportInvalid as invalid:
                errors = invalid.errors
            if errors:
                tally["refused with row errors"] += 1
                assert counts() == before
                for error in errors:
                    assert isinstance(error["row"], int)
                    assert error["row"] >= 1
                    assert row_message(error).startswith(f"Række {error['row']}, kolonne '")
            else:
                tally["imported whole"] += 1
                after = counts()
                assert after[0] - before[0] == summary.new_citizens
                assert after[1] - before[1] == summary.new_courses
                assert after[2] - before[2] == summary.measurements
                assert summary.rows == len(table.rows)
            transaction.set_rollback(True)

    one_file()

    assert tally["files"] >= 80
    assert tally["refused with row errors"] > 0
    assert tally["imported whole"] > 0
    print(
        f"\nFILE-02 mutation fuzzing: {tally['files']} mutated files tried: "
        f"{tally['imported whole']} imported whole, {tally['refused with row errors']} refused "
        f"with row errors (0 rows changed), {tally['refused files']} refused as files; "
        "partial imports: 0"
    )
