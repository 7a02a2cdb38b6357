"""Revisions of one instrument saved at the same moment still get the versions 2, 3, 4, …
without gaps or doubles: ``revise_instrument`` locks the instrument with ``select_for_update``
before it counts (REL-02)."""

import pytest
from django.db import connection

from lovende.instruments import services
from tests.reliability.test_concurrency import run_threads

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_revisions_saved_at_once_become_versions_two_to_twenty_one(lars, ors):
    # covers REL-02: the instrument's row is locked, so twenty revisions at once end at v21
    # (without the lock they collide on instrument_version_unique or share a number)
    if connection.vendor == "sqlite":
        pytest.skip("the SQLite test database is in memory; the file tests cover SQLite")
    definition = services.current_version(ors).definition

    def revise(index: int) -> None:
        services.revise_instrument(
            by=lars,
            instrument=ors,
            name=ors.name,
            definition={**definition, "sources": [f"Kilde {index}"]},
        )

    raised = run_threads(THREADS, revise)

    numbers = sorted(ors.versions.values_list("number", flat=True))
    print(
        f"\nREL-02 {connection.vendor}: {THREADS} revisions at once; versions "
        f"{numbers[0]}–{numbers[-1]}, {len(set(numbers))} distinct"
    )
    assert raised == []
    assert numbers == list(range(1, THREADS + 2))
