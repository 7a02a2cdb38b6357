"""`lovende backup` and `lovende restore` (SECURITY REL-04).

A backup is one tar file holding three members:

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite's online backup);
- ``manifest.json``: app version, engine, applied migrations, per-table row counts and content
  digests (``digest.py``), and the database member's SHA-256;
- ``manifest.sha256``: the manifest's own SHA-256, so a damaged manifest is noticed too.

A restore refuses (``BackupRefused``) a damaged archive, another engine, another migration state
and, unless ``replace`` is given, a target database that already has tables. After restoring it
recomputes the digests and raises ``RestoreMismatch`` if they differ from the manifest.

The messages are Danish and not marked for translation: they are for the operator at the command
line, like ``close_survey_rounds``'s.
"""

import contextlib
import datetime
import hashlib
import importlib.metadata
import io
import itertools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from lovende.ops.digest import table_digests

MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FORMAT = 1
_aliases = itertools.count()


class BackupRefused(Exception):
    """The archive or the target is not fit for a restore; nothing has been changed."""


class RestoreMismatch(Exception):
    """The restored database does not hold what the manifest says."""


@dataclass
class Backup:
    path: Path
    manifest: dict


@contextlib.contextmanager
def open_connection(settings_dict: dict) -> Iterator[BaseDatabaseWrapper]:
    """A connection of its own to the database that ``settings_dict`` describes, registered under
    a passing alias (Django's feature checks look connections up by alias) and closed after."""
    alias = f"lovende_ops_{next(_aliases)}"
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(dict(settings_dict), alias)
    connections[alias] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[alias]


# --- backup ----------------------------------------------------------------------------------


def make_backup(connection: BaseDatabaseWrapper, out_dir: Path) -> Backup:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"lovende-backup-{stamp}.tar"
    member = MEMBERS.get(connection.vendor)
    if member is None:
        raise BackupRefused(f"Databasen {connection.vendor} kan ikke sikkerhedskopieres.")
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".lovende-backup-") as staging:
        dump = Path(staging) / member
        if connection.vendor == "postgresql":
            digests = _dump_postgresql(connection, dump)
        else:
            digests = _dump_sqlite(connection, dump)
        manifest = {
            "format": FORMAT,
            "app_version": importlib.metadata.version("lovende"),
            "created": stamp,
            "engine": connection.vendor,
            "migrations": sorted(
                [app, name] for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "tables": digests,
            "member": member,
            "member_sha256": _sha256_file(dump),
            "member_size": dump.stat().st_size,
        }
        _write_archive(path, dump, manifest)
    return Backup(path=path, manifest=manifest)


def _dump_sqlite(connection: BaseDatabaseWrapper, dump: Path) -> dict:
    connection.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    # The digests are taken from the copy, so they describe exactly what the archive holds.
    with open_connection({**connection.settings_dict, "NAME": str(dump), "OPTIONS": {}}) as copy:
        return table_digests(copy)


def _dump_postgresql(connection: BaseDatabaseWrapper, dump: Path) -> dict:
    # pg_dump and the digests read the same snapshot, so writes during the backup can't make
    # the manifest disagree with the dump.
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        _run(
            [_pg_tool("pg_dump", connection), "-Fc", f"--snapshot={snapshot}", "-f", str(dump)],
            connection.settings_dict,
        )
        return table_digests(connection)


def _write_archive(path: Path, dump: Path, manifest: dict) -> None:
    body = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    partial = path.with_suffix(".partial")
    # Owner-only: the archive holds personal data.
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
        _add_bytes(tar, MANIFEST, body)
        _add_bytes(tar, MANIFEST_SUM, hashlib.sha256(body).hexdigest().encode("ascii"))
        tar.add(dump, arcname=dump.name)
        raw.flush()
    os.replace(partial, path)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


# --- restore ---------------------------------------------------------------------------------


def restore_backup(archive: Path, target: BaseDatabaseWrapper, *, replace: bool = False) -> dict:
    """Restore ``archive`` into ``target``'s database and check it; returns the manifest."""
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".lovende-restore-") as staging:
        manifest, dump = read_archive(archive, Path(staging))
        check_fit(manifest, target, replace=replace)
        if target.vendor == "postgresql":
            _run(
                [
                    _pg_tool("pg_restore", target),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    f"--dbname={target.settings_dict['NAME']}",
                    str(dump),
                ],
                target.settings_dict,
            )
        else:
            _replace_sqlite_file(target, dump)
    compare_digests(manifest["tables"], table_digests(target))
    return manifest


def read_archive(archive: Path, staging: Path) -> tuple[dict, Path]:
    """The manifest and the extracted database member, both checked against their checksums."""
    try:
        with tarfile.open(archive, mode="r:") as tar:
            body = tar.extractfile(MANIFEST).read()
            expected = tar.extractfile(MANIFEST_SUM).read().decode("ascii").strip()
            if hashlib.sha256(body).hexdigest() != expected:
                raise ValueError("manifestets kontrolsum passer ikke")
            manifest = json.loads(body)
            member = manifest["member"]
            if member not in MEMBERS.values():
                raise ValueError(member)
            dump = staging / member
            with tar.extractfile(member) as source, dump.open("wb") as copy:
                shutil.copyfileobj(source, copy)
    except (OSError, tarfile.TarError, KeyError, ValueError, AttributeError, TypeError) as error:
        raise BackupRefused(_damaged(archive, error)) from error
    if _sha256_file(dump) != manifest["member_sha256"] or dump.stat().st_size != manifest.get(
        "member_size"
    ):
        raise BackupRefused(_damaged(archive, "databasens kontrolsum passer ikke"))
    return manifest, dump


def _damaged(archive: Path, reason: object) -> str:
    return f"Sikkerhedskopien {archive} er beskadiget eller ufuldstændig ({reason})."


def code_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def check_fit(manifest: dict, target: BaseDatabaseWrapper, *, replace: bool) -> None:
    if manifest.get("engine") != target.vendor:
        raise BackupRefused(
            f"Sikkerhedskopien er fra en {manifest.get('engine')}-database, "
            f"men databasen her er {target.vendor}."
        )
    saved = {tuple(pair) for pair in manifest["migrations"]}
    code = code_migrations()
    if saved != code:
        raise BackupRefused(
            f"Sikkerhedskopien er fra en anden version af databasen (version "
            f"{manifest.get('app_version')}): {len(code - saved)} migreringer mangler i den, og "
            f"{len(saved - code)} kender koden ikke. "
            "Gendan den med den version af Lovende, den blev taget med."
        )
    with target.cursor() as cursor:
        tables = target.introspection.table_names(cursor)
    if tables and not replace:
        raise BackupRefused(
            f"Databasen {target.settings_dict['NAME']} er ikke tom ({len(tables)} tabeller). "
            "Gendan i en tom database, eller brug --yes for at erstatte dens indhold."
        )


def compare_digests(expected: dict, actual: dict) -> None:
    differing = sorted(
        table
        for table in expected.keys() | actual.keys()
        if expected.get(table) != actual.get(table)
    )
    if differing:
        raise RestoreMismatch(
            "Den gendannede database svarer ikke til sikkerhedskopien i tabellerne: "
            + ", ".join(differing)
        )


def _replace_sqlite_file(target: BaseDatabaseWrapper, dump: Path) -> None:
    name = target.settings_dict["NAME"]
    if target.is_in_memory_db():
        raise BackupRefused("Der kan ikke gendannes i en database i hukommelsen.")
    target.close()
    path = Path(name)
    incoming = path.with_name(path.name + ".restoring")
    shutil.copyfile(dump, incoming)
    os.chmod(incoming, 0o600)
    # A write-ahead log left by the old file would be replayed onto the new one.
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(incoming, path)


# --- PostgreSQL client tools -----------------------------------------------------------------


def _pg_tool(name: str, connection: BaseDatabaseWrapper) -> str:
    """pg_dump or pg_restore of at least the server's major version.

    Debian installs every version's tools under /usr/lib/postgresql/<major>/bin and puts the
    newest on PATH; an older pg_dump refuses a newer server, so the server's own comes first.
    """
    connection.ensure_connection()
    server = connection.pg_version // 10000
    candidates = [Path(f"/usr/lib/postgresql/{server}/bin/{name}"), shutil.which(name)]
    for candidate in candidates:
        if candidate and Path(candidate).exists() and _major(candidate) >= server:
            return str(candidate)
    raise BackupRefused(
        f"{name} i version {server} eller nyere mangler (PostgreSQL-klientværktøjerne)."
    )


def _major(tool: str | Path) -> int:
    # The tool is a fixed name found on PATH or under /usr/lib/postgresql, never user input.
    version = [str(tool), "--version"]
    output = subprocess.run(version, capture_output=True, text=True).stdout  # noqa: S603
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else 0


def _run(command: list[str], settings_dict: dict) -> None:
    """Run a libpq tool with the connection given through its environment, never on its command
    line, where ``ps`` would show the password."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in {
        "sslmode": "PGSSLMODE",
        "sslrootcert": "PGSSLROOTCERT",
        "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY",
    }.items():
        values[variable] = options.get(option)
    env.update({key: str(value) for key, value in values.items() if value})
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (no shell; fixed tool)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr}")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
