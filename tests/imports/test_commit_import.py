"""Committing an import: all or nothing in one transaction, through the citizens' and
measurements' own services (SECURITY FILE-02, LOG-01)."""

import datetime
from unittest import mock

import pytest

from lovende.audit.models import AccessLog
from lovende.audit.services import AccessContext
from lovende.citizens import services as citizen_services
from lovende.citizens.models import Citizen, Course
from lovende.imports import reading, safety
from lovende.imports.services import ImportInvalid, commit_import
from lovende.measurements.models import Measurement, MonthlyScores, OutcomeSummary
from lovende.measurements.services import rebuild_monthly_scores
from tests.conftest import make_course
from tests.imports import files

pytestmark = pytest.mark.django_db
CONTEXT = AccessContext(page="/import/gem/", ip_address="127.0.0.1", request_id="test")


def table_of(rows):
    return reading.read_csv(safety.decode_csv(files.csv_bytes(rows)), max_rows=5000)


def counts():
    return (
        Citizen.objects.count(),
        Course.objects.count(),
        Measurement.objects.count(),
        OutcomeSummary.objects.count(),
        MonthlyScores.objects.count(),
        AccessLog.objects.count(),
    )


def many_rows(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        born = datetime.date(2015, 1, 1) + datetime.timedelta(days=i % 365)
        cpr = born.strftime("%d%m%y") + f"-{4000 + i}"
        rows.append(files.citizen_row(cpr, f"Borger{i}", "Import"))
    return rows


def test_it_writes_nothing_when_row_900_of_1000_fails(importer):
    # covers FILE-02: fault injection; the exception at row 900 rolls back rows 1–899 too
    before = counts()
    real = citizen_services.create_citizen
    calls = {"n": 0}

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 900:
            raise RuntimeError("disk full")
        return real(**kwargs)

    with (
        mock.patch.object(citizen_services, "create_citizen", side_effect=failing),
        pytest.raises(RuntimeError),
    ):
        commit_import(by=importer, context=CONTEXT, table=table_of(many_rows(1000)))

    assert calls["n"] == 900
    assert counts() == before
    print(f"\nFILE-02 fault injection: raised at row 900 of 1000; rows written: 0 ({counts()})")


def test_it_keeps_summaries_and_monthly_scores_true(importer):
    # covers FILE-02: created through record_measurement, so the summaries equal a recompute
    summary = commit_import(by=importer, context=CONTEXT, table=table_of(files.demo_rows()))
    stored = sorted(
        MonthlyScores.objects.values_list(
            "intervention", "unit", "month", "courses", "measurements", "score_sum"
        )
    )
    outcome = {s.course_id: s.latest_score for s in OutcomeSummary.objects.all()}

    rebuild_monthly_scores()

    assert (summary.new_citizens, summary.new_courses, summary.measurements) == (3, 3, 3)
    assert stored == sorted(
        MonthlyScores.objects.values_list(
            "intervention", "unit", "month", "courses", "measurements", "score_sum"
        )
    )
    freja = Course.objects.get(citizen__cpr="0103154234")
    assert outcome[freja.pk] == 6 + 6.5 + 7 + 8
    assert freja.citizen.birth_date == datetime.date(2015, 3, 1)


def test_it_logs_every_citizen_created_in_the_same_transaction(importer):
    # covers LOG-01: one CREATE row per citizen, course and measurement, with the request id
    commit_import(by=importer, context=CONTEXT, table=table_of(files.demo_rows()))

    logged = AccessLog.objects.filter(action=AccessLog.Action.CREATE, request_id="test")
    assert logged.count() == 6
    assert set(logged.values_list("citizen_id", flat=True)) == set(
        Citizen.objects.values_list("pk", flat=True)
    )
    assert Citizen.objects.count() == 3


def test_it_adds_a_course_to_a_citizen_the_user_already_has(importer, intervention, tree):
    existing = make_course(importer, intervention, tree.nord, "Freja", "Mikkelsen", "0103154234")

    summary = commit_import(by=importer, context=CONTEXT, table=table_of(files.demo_rows()))

    assert (summary.new_citizens, summary.existing_citizens) == (2, 1)
    assert Citizen.objects.count() == 3
    assert existing.citizen.courses.count() == 1  # same intervention, unit and start: reused
    assert Measurement.objects.filter(course=existing).count() == 2


def test_it_refuses_a_cpr_number_held_out_of_reach_and_writes_nothing(
    importer, sofie, intervention, tree
):
    make_course(sofie, intervention, tree.syd, "Freja", "Mikkelsen", "0103154234")
    before = counts()

    with pytest.raises(ImportInvalid) as invalid:
        commit_import(by=importer, context=CONTEXT, table=table_of(files.demo_rows()))

    assert [(e["row"], e["column"]) for e in invalid.value.errors] == [(2, "CPR-nummer")]
    assert counts() == before
