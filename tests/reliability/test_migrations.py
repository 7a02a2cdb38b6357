"""Migrations are safe: they apply from zero, and data migrations turn seeded rows into the right
result (REL-03). The walk itself runs once, in ``conftest.fresh_db``, on the suite's engine."""

import pytest
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from lovende.citizens.models import Citizen, Course
from tests.reliability.data_migrations import CASES


def test_every_migration_applies_from_zero(fresh_db):
    # covers REL-03: `migrate` from zero works on SQLite and PostgreSQL (CI runs both)
    loader = MigrationLoader(connections[fresh_db.alias])

    print(
        f"\nREL-03 {fresh_db.vendor}: {fresh_db.migrations} migrations apply from zero in "
        f"{fresh_db.seconds:.1f} s (data migrations seeded and checked on the way)"
    )
    assert fresh_db.migrations == len(loader.graph.nodes)
    assert loader.applied_migrations.keys() == loader.graph.nodes.keys()


def test_every_data_migration_is_tested():
    # covers REL-03: a new RunPython migration must get a case in data_migrations.py
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with_python = {
        key
        for key, migration in loader.disk_migrations.items()
        if type(migration).__module__.startswith("lovende.")
        and any(type(op).__name__ == "RunPython" for op in migration.operations)
    }

    assert with_python == {case.target for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: "/".join(case.target))
def test_a_data_migration_turns_seeded_rows_into_the_right_result(fresh_db, case):
    # covers REL-03: each data migration, applied by django-test-migrations' Migrator to rows
    # seeded in the schema before it, gives what its docstring promises
    found, expected = fresh_db.data_migrations[case.target]

    print(f"\nREL-03 {fresh_db.vendor}: {'.'.join(case.target)} checked: {expected}")
    assert found == expected


def test_rows_written_under_older_schemas_are_upgraded(fresh_db):
    # covers REL-03 (upgrade): the rows seeded on the way up live on at the latest migration, and
    # the version columns added later (REL-02) start them at 1 (db_default), ready to edit
    courses = Course.objects.using(fresh_db.alias)
    citizens = Citizen.objects.using(fresh_db.alias).filter(courses__in=courses).distinct()

    versions = set(courses.values_list("version", flat=True))
    versions |= set(citizens.values_list("version", flat=True))
    print(
        f"\nREL-03 {fresh_db.vendor}: {courses.count()} seeded courses upgraded; versions {versions}"
    )
    assert courses.count() == 5
    assert versions == {1}
