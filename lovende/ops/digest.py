"""Row counts and an ordered SHA-256 of every table's content (SECURITY REL-04).

Shared by `lovende backup` (written into the manifest), `lovende restore` (recomputed after the
restore and compared) and the test. The tables are every table of an installed model, the
auto-created many-to-many tables included, plus ``django_migrations``: exactly what a backup
carries. ``django_session`` is included too, since the backup restores it. Rows are read in
primary-key order, and each row is serialised as canonical JSON (columns in name order, keys
sorted), so two databases of the same engine with the same content give the same digest.
"""

import datetime
import decimal
import hashlib
import json
import uuid

from django.db.backends.base.base import BaseDatabaseWrapper


def table_digests(connection: BaseDatabaseWrapper) -> dict[str, dict]:
    """{table: {"rows": count, "sha256": hex}} for every Django table present in the database."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        tables = (set(connection.introspection.django_table_names()) | {"django_migrations"}) & (
            present
        )
        return {table: _digest_table(connection, cursor, table) for table in sorted(tables)}


def _digest_table(connection: BaseDatabaseWrapper, cursor, table: str) -> dict:
    quote = connection.ops.quote_name
    columns = sorted(
        column.name for column in connection.introspection.get_table_description(cursor, table)
    )
    order = connection.introspection.get_primary_key_columns(cursor, table) or columns
    # Names come from the database's own introspection, quoted by the backend.
    select = ", ".join(quote(c) for c in columns)
    order_by = ", ".join(quote(c) for c in order)
    cursor.execute(f"SELECT {select} FROM {quote(table)} ORDER BY {order_by}")  # noqa: S608
    digest = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            digest.update(_canonical(dict(zip(columns, row, strict=True))))
            digest.update(b"\n")
            rows += 1
    return {"rows": rows, "sha256": digest.hexdigest()}


def _canonical(row: dict) -> bytes:
    return json.dumps(row, sort_keys=True, ensure_ascii=False, default=_value).encode("utf-8")


def _value(value: object) -> object:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    raise TypeError(f"no canonical form for {type(value).__name__}")
