"""`lovende backup` and `lovende restore` on the suite's engine: the demo municipality survives a
round trip with identical row counts and content digests, and a damaged archive or another
migration state is refused before anything is touched."""

# covers REL-04

import hashlib
import io
import json
import tarfile
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lovende.demo.seed import seed_demo
from lovende.ops.backup import (
    BackupRefused,
    RestoreMismatch,
    compare_digests,
    make_backup,
    open_connection,
    restore_backup,
)
from lovende.ops.digest import table_digests

# The backup tools read committed data from their own connection, so the demo is committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setattr("lovende.demo.caseload.write_histories", lambda *args, **kwargs: None)
    seed_demo(citizens=60)


@pytest.fixture
def empty_database(tmp_path):
    """A connection to a new, empty database of the suite's engine."""
    if connection.vendor == "sqlite":
        with open_connection(
            {**connection.settings_dict, "NAME": str(tmp_path / "new.sqlite3")}
        ) as target:
            yield target
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    with open_connection({**connection.settings_dict, "NAME": name}) as target:
        yield target
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_it_restores_the_demo_with_identical_counts_and_digests(demo, tmp_path, empty_database):
    before = table_digests(connection)

    started = time.perf_counter()
    backup = make_backup(connection, tmp_path)
    backup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    restore_backup(backup.path, empty_database)
    restore_seconds = time.perf_counter() - started
    after = table_digests(empty_database)

    assert backup.manifest["tables"] == before
    assert after == before
    assert before["citizens_citizen"]["rows"] > 0
    print(
        f"\nREL-04 {connection.vendor}: {len(after)} tables, "
        f"{sum(t['rows'] for t in after.values())} rows, "
        f"archive {backup.path.stat().st_size / 1e6:.2f} MB, "
        f"backup {backup_seconds:.2f} s, restore {restore_seconds:.2f} s"
    )


def test_it_refuses_a_damaged_archive(demo, tmp_path, empty_database):
    backup = make_backup(connection, tmp_path)
    with tarfile.open(backup.path) as tar:
        member = tar.getmember(backup.manifest["member"])
    flipped = bytearray(backup.path.read_bytes())
    flipped[member.offset_data + member.size // 2] ^= 0xFF
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(flipped))
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(backup.path.read_bytes()[: member.offset_data + member.size // 2])

    for archive in (damaged, truncated):
        with pytest.raises(BackupRefused, match="beskadiget"):
            restore_backup(archive, empty_database)

    with empty_database.cursor() as cursor:
        assert empty_database.introspection.table_names(cursor) == []


def test_it_refuses_another_migration_state(demo, tmp_path, empty_database):
    backup = make_backup(connection, tmp_path)
    older = tmp_path / "older.tar"
    rewrite_manifest(backup.path, older, lambda m: m["migrations"].pop())

    with pytest.raises(BackupRefused, match="fra en anden version af databasen"):
        restore_backup(older, empty_database)

    with pytest.raises(CommandError, match="fra en anden version af databasen") as refused:
        call_command("restore", str(older))
    assert refused.value.returncode == 2


def test_the_command_refuses_a_database_that_is_not_empty(demo, tmp_path):
    call_command("backup", out=tmp_path, stdout=io.StringIO())
    (archive,) = tmp_path.glob("lovende-backup-*.tar")

    with pytest.raises(CommandError, match="ikke tom") as refused:
        call_command("restore", str(archive))

    assert refused.value.returncode == 2


def test_it_names_the_tables_whose_digest_differs():
    expected = {"a": {"rows": 1, "sha256": "x"}, "b": {"rows": 2, "sha256": "y"}}

    with pytest.raises(RestoreMismatch, match="tabellerne: b"):
        compare_digests(expected, {**expected, "b": {"rows": 2, "sha256": "z"}})


def rewrite_manifest(source: Path, target: Path, change) -> None:
    """Copy the archive with an edited manifest whose own checksum is made to match."""
    with tarfile.open(source) as tar, tarfile.open(target, "w") as out:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        change(manifest)
        body = json.dumps(manifest).encode()
        for name, data in (
            ("manifest.json", body),
            ("manifest.sha256", hashlib.sha256(body).hexdigest().encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
        member = tar.getmember(manifest["member"])
        out.addfile(member, tar.extractfile(member))
