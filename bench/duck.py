"""The same intervention-level shares, computed by DuckDB from the raw measurements.

Lovende answers from per-course outcome summaries kept up to date at write time; DuckDB answers
from the raw measurement table, finding each course's first and latest ORS score in one SQL
query. Exporting the tables (CSV, read into DuckDB's own storage) is done once and not timed,
as a municipality would keep such an export; only the query is timed.
"""

import csv
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
from django.db import connection

QUERY = """
WITH per_course AS (
    SELECT course_id,
           count(*) AS n,
           arg_min(score, (measured_on, id)) AS first_score,
           arg_max(score, (measured_on, id)) AS latest_score
    FROM measurement
    WHERE instrument_id = $instrument
      AND course_id IN (SELECT id FROM course WHERE intervention_id = $intervention)
    GROUP BY course_id
)
SELECT count(*) AS outcome_courses,
       round(100 * avg(CASE WHEN latest_score - first_score >= $threshold THEN 1 ELSE 0 END), 1),
       round(100 * avg(CASE WHEN abs(latest_score - first_score) < $threshold THEN 1 ELSE 0 END), 1),
       round(100 * avg(CASE WHEN first_score - latest_score >= $threshold THEN 1 ELSE 0 END), 1),
       round(100 * avg(CASE WHEN first_score < $cutoff THEN 1 ELSE 0 END), 1),
       round(100 * avg(CASE WHEN latest_score < $cutoff THEN 1 ELSE 0 END), 1)
FROM per_course
WHERE n >= 2
"""


def export(folder: Path) -> tuple[Path, Path]:
    """Write the course and measurement tables as CSV (not timed)."""
    tables = {
        "course": "SELECT id, intervention_id, unit_id, status, start_date FROM citizens_course",
        "measurement": (
            "SELECT id, course_id, instrument_id, measured_on, score FROM measurements_measurement"
        ),
    }
    paths = []
    for name, sql in tables.items():
        path = folder / f"{name}.csv"
        with connection.cursor() as cursor, path.open("w", newline="") as handle:
            cursor.execute(sql)
            writer = csv.writer(handle)
            writer.writerow([column[0] for column in cursor.description])
            while rows := cursor.fetchmany(50_000):
                writer.writerows(rows)
        paths.append(path)
    return paths[0], paths[1]


def compare(interventions: list[int], instrument_id: int, samples: int) -> dict:
    """Time DuckDB's query for ``samples`` interventions in turn; return p50/p95 and one answer."""
    from bench.run import summary

    with tempfile.TemporaryDirectory() as folder:
        course_csv, measurement_csv = export(Path(folder))
        duck = duckdb.connect()
        duck.execute("CREATE TABLE course AS SELECT * FROM read_csv_auto(?)", [str(course_csv)])
        duck.execute(
            "CREATE TABLE measurement AS SELECT * FROM read_csv_auto(?)", [str(measurement_csv)]
        )
    timings, answers = [], {}
    for index in range(samples):
        intervention = interventions[index % len(interventions)]
        params = {
            "instrument": instrument_id,
            "intervention": intervention,
            "threshold": 5,
            "cutoff": 25,
        }
        started = time.perf_counter()
        answer = duck.execute(QUERY, params).fetchone()
        timings.append((time.perf_counter() - started) * 1000)
        answers[intervention] = answer
    return {
        "query": summary(timings),
        "threads": duck.execute("SELECT current_setting('threads')").fetchone()[0],
        "answers": answers,
        "mean_ms": statistics.fmean(timings),
    }
