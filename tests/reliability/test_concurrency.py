"""Concurrent writers lose nothing and stale saves are caught, on a real database (REL-02).

The threads write to the fresh database of ``conftest.py``: a SQLite file with the app's own
settings, or a PostgreSQL database, so they really run at the same time.
"""

import datetime
import itertools
import threading

import pytest
from django.db import OperationalError, connections, transaction
from django.db.models import F

from lovende.citizens.models import Citizen
from lovende.organisation.models import Organisation
from lovende.versioning import EditConflict, claim
from tests.reliability.conftest import ALIAS, close_thread_connection

NAMES = itertools.count()


def make_citizen() -> Citizen:
    organisation = Organisation.objects.using(ALIAS).create(name=f"Samtidighed {next(NAMES)}")
    return Citizen.objects.using(ALIAS).create(
        organisation=organisation,
        first_name="Anna",
        last_name="Jensen",
        birth_date=datetime.date(2015, 3, 1),
        gender=Citizen.Gender.FEMALE,
    )


def version_of(citizen: Citizen) -> int:
    return Citizen.objects.using(ALIAS).values_list("version", flat=True).get(pk=citizen.pk)


def run_threads(count: int, work) -> list[BaseException]:
    """Start ``count`` threads on ``work(index)`` together; return what they raised."""
    raised: list[BaseException] = []
    start = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as error:
            raised.append(error)
        finally:
            close_thread_connection()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return raised


def is_locked(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(error)


def test_twenty_threads_incrementing_once_end_at_exactly_twenty(fresh_db):
    # covers REL-02: counters use F(), so no increment is lost, on SQLite (a file) and PostgreSQL
    citizen = make_citizen()

    def increment(_index: int) -> None:
        with transaction.atomic(using=ALIAS):
            Citizen.objects.using(ALIAS).filter(pk=citizen.pk).update(version=F("version") + 1)

    raised = run_threads(20, increment)

    increments = version_of(citizen) - 1
    print(f"\nREL-02 {fresh_db.vendor}: 20 threads × 1 write; lost updates {20 - increments}")
    assert raised == []
    assert increments == 20


def test_a_stale_save_is_detected_when_all_save_at_once(fresh_db):
    # covers REL-02: twenty editors who all read version 1 save at once; one wins, 19 are refused
    citizen = make_citizen()
    read = threading.Barrier(20)
    saved: list[int] = []

    def edit(index: int) -> None:
        mine = Citizen.objects.using(ALIAS).get(pk=citizen.pk)
        read.wait()  # everyone has read version 1 before anyone saves
        with transaction.atomic(using=ALIAS):
            claim(mine)
            Citizen.objects.using(ALIAS).filter(pk=mine.pk).update(first_name=f"Editor {index}")
        saved.append(index)

    raised = run_threads(20, edit)

    conflicts = sum(isinstance(error, EditConflict) for error in raised)
    winner = Citizen.objects.using(ALIAS).get(pk=citizen.pk)
    print(
        f"\nREL-02 {fresh_db.vendor}: 20 threads × 1 write; lost updates 0; "
        f"conflicts detected {conflicts} of 19"
    )
    assert [type(error) for error in raised] == [EditConflict] * 19
    assert len(saved) == 1
    assert (winner.version, winner.first_name) == (2, f"Editor {saved[0]}")


def test_eight_threads_writing_a_hundred_times_never_meet_a_locked_database(fresh_db):
    # covers REL-02: WAL, the busy timeout and IMMEDIATE transactions: read-then-write
    # transactions queue instead of failing with "database is locked"
    threads, writes = 8, 100
    citizen = make_citizen()

    def write(_index: int) -> None:
        for _ in range(writes):
            with transaction.atomic(using=ALIAS):
                row = Citizen.objects.using(ALIAS).get(pk=citizen.pk)  # a read first, then
                Citizen.objects.using(ALIAS).filter(pk=row.pk).update(version=F("version") + 1)

    raised = run_threads(threads, write)

    locked = sum(is_locked(error) for error in raised)
    lost = threads * writes - (version_of(citizen) - 1)
    print(
        f"\nREL-02 {fresh_db.vendor}: {threads} threads × {writes} writes; lost updates {lost}; "
        f"database is locked {locked}"
    )
    assert raised == []
    assert lost == 0


def test_the_sqlite_settings_are_the_ones_tested(fresh_db):
    # covers REL-02: the file the threads wrote to ran with WAL, foreign keys and a busy timeout
    if fresh_db.vendor != "sqlite":
        pytest.skip("SQLite pragmas; PostgreSQL has row locks")

    with connections[ALIAS].cursor() as cursor:
        pragmas = {}
        for name in ("journal_mode", "foreign_keys", "busy_timeout"):
            cursor.execute(f"PRAGMA {name}")
            pragmas[name] = cursor.fetchone()[0]

    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 20000}
    assert connections[ALIAS].transaction_mode == "IMMEDIATE"
