"""A second, empty database of the suite's engine, migrated from zero (REL-02, REL-03).

SQLite's test database lives in memory, where threads cannot write at the same time as they do
against a real file; so the threaded tests use this one: a file with the app's own SQLite
settings (WAL, busy timeout, IMMEDIATE transactions), or a fresh PostgreSQL database beside the
test database. Migrating it is also the "migrate from zero" check, so it is timed.
"""

import time
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django_test_migrations.migrator import Migrator

from lovende.settings import sqlite_database
from tests.improvement.conftest import make_initiative
from tests.reliability.data_migrations import ALIAS, CASES


@dataclass(frozen=True)
class FreshDatabase:
    alias: str
    vendor: str
    migrations: int
    seconds: float
    data_migrations: dict  # (app, migration) -> (found, expected)


def walk_data_migrations() -> dict:
    """From zero, stop before each data migration to seed rows, apply it, and check them."""
    migrator = Migrator(database=ALIAS)
    graph = MigrationLoader(connections[ALIAS]).graph
    full = [node for leaf in graph.leaf_nodes() for node in graph.forwards_plan(leaf)]
    order = list(dict.fromkeys(full))
    results = {}
    for case in sorted(CASES, key=lambda case: order.index(case.target)):
        parents = [node.key for node in graph.node_map[case.target].parents]
        plan = MigrationExecutor(connections[ALIAS]).migration_plan(parents)
        assert not any(backwards for _migration, backwards in plan), f"{case.target}: too late"
        before = migrator.apply_tested_migration(sorted(parents))
        seeded = case.seed(before.apps)
        after = migrator.apply_tested_migration([case.target])
        results[case.target] = case.check(after.apps, seeded)
    return results


def _create(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str | None]:
    default = connections["default"]
    if default.vendor == "sqlite":
        return sqlite_database(tmp_path_factory.mktemp("fresh") / "lovende.sqlite3"), None
    name = f"{default.settings_dict['NAME']}_fresh"
    with default._nodb_cursor() as cursor:  # CREATE DATABASE cannot run in a transaction
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return {**default.settings_dict, "NAME": name}, name


def close_thread_connection() -> None:
    """Threads open their own connections; each closes its own before it ends."""
    connections.close_all()


@pytest.fixture
def initiative(lars, intervention):
    return make_initiative(lars, intervention)


@pytest.fixture(scope="session")
def fresh_db(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        config, pg_name = _create(tmp_path_factory)
        default = dict(connections["default"].settings_dict)
        connections.settings[ALIAS] = connections.configure_settings(
            {"default": default, ALIAS: config}
        )[ALIAS]
        # No router: each data migration must query the database it migrates
        # (schema_editor.connection.alias), or its case below fails (REL-03).
        started = time.perf_counter()
        results = walk_data_migrations()
        call_command("migrate", database=ALIAS, verbosity=0)
        seconds = time.perf_counter() - started
        applied = MigrationRecorder(connections[ALIAS]).migration_qs.count()
        try:
            yield FreshDatabase(ALIAS, connections[ALIAS].vendor, applied, seconds, results)
        finally:
            connections[ALIAS].close()
            del connections.settings[ALIAS]
            if hasattr(connections._connections, ALIAS):
                delattr(connections._connections, ALIAS)
            if pg_name:
                with connections["default"]._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
