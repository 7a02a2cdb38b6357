"""Object-level access follows the unit tree (SECURITY ACL-02, ACL-04).

Every role kind × position (tests/security/world.py) requests every route of the permission
matrix with every method, and the outcome class must be the table's (permission_matrix.py).
One test per (role, position): it loops over the routes and names every mismatch.
"""

import logging
import time
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.template.backends.django import Template
from django.test import Client

from tests.security.matrix_client import checked_routes, methods_for, send, url_for
from tests.security.permission_matrix import PERMISSION_MATRIX, PUBLIC_URLS, expected
from tests.security.world import World, build_world, cells

pytestmark = pytest.mark.django_db
TOTALS = {"requests": 0, "allows": 0, "denials": 0, "wrong denials": 0, "cells": 0}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """One world for all 27 cells, built once and rolled back after the module. Every request
    is rolled back (matrix_client.send) and so is each cell's login, so no cell sees another's."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def quiet_refusals(monkeypatch):
    """Thousands of expected 403/404s need no warning with a traceback each."""
    for name in ("django.request", "django.security.csrf"):
        monkeypatch.setattr(logging.getLogger(name), "disabled", True)


@pytest.fixture
def fast_templates(monkeypatch):
    """Pages render to a stub: the outcome class is decided by the view before it renders, and
    rendering ~200 pages for 27 users is most of the time. Exports and PDFs still run."""
    monkeypatch.setattr(Template, "render", lambda self, context=None, request=None: "<p></p>")


def classify(want: str, got: str) -> str | None:
    if got in ("n/a", want):
        return None
    if got == "ok":
        return "allows"
    return "denials" if want == "ok" else "wrong denials"


@pytest.mark.parametrize(("kind", "position"), cells())
def test_every_route_answers_as_the_table_says(
    client: Client, world, fast_templates, quiet_refusals, kind, position
):
    # covers ACL-02 (roles × positions × routes × methods) and ACL-04 (position "other")
    subject = world.subjects[kind, position]
    client.force_login(subject)
    started, problems, skipped = time.perf_counter(), [], []
    for name, arguments in checked_routes():
        if name in PUBLIC_URLS:
            continue
        url = url_for(world, name, arguments, subject)
        if url is None:
            skipped.append(name)
            continue
        for method in methods_for(name):
            want, got = expected(name, kind, position, method), send(client, method, url)
            TOTALS["requests"] += 1
            if problem := classify(want, got):
                TOTALS[problem] += 1
                problems.append(f"{method} {name} ({url}): expected {want}, got {got}")
    TOTALS["cells"] += 1
    print(
        f"\n{kind}@{position}: {TOTALS['requests']} requests so far, "
        f"{time.perf_counter() - started:.1f} s; not exercised (no object in the world): "
        f"{sorted(skipped)}"
    )
    assert problems == [], f"{kind} at {position}:\n" + "\n".join(problems)


def test_zz_report_matrix_size():
    # covers ACL-02: the figures SECURITY.md asks for (runs after the cells in file order)
    routes = [name for name, _ in checked_routes() if name in PERMISSION_MATRIX]
    roles = len({kind for kind, _ in cells()})
    positions = len({position for _, position in cells()})
    print(
        f"\n{roles} roles × {positions} positions ({TOTALS['cells']} cells run) × {len(routes)} "
        f"URLs × 2 methods (4 on the API) = {TOTALS['requests']} requests; unexpected allows "
        f"{TOTALS['allows']}; unexpected denials {TOTALS['denials']}; 403/404 mix-ups "
        f"{TOTALS['wrong denials']}"
    )
    assert len(routes) > 150


# Modules that may reach personal data's managers directly, each with its reason (ACL-02). A
# view, API, form or template-tag module is never among them: they get their objects through
# the permission layer's querysets and getters.
PERSONAL_MODELS = {
    "Citizen", "Course", "Measurement", "Observation", "Feedback", "Assessment", "Goal",
    "OutcomeSummary", "MonthlyScores", "AccessLog", "Change",
}  # fmt: skip
MANAGERS = ("objects", "_default_manager", "_base_manager")
ALLOWED = {
    "citizens/permissions.py": "the door: courses and citizens visible to a user",
    "measurements/permissions.py": "the door to measurements, through courses_visible_to",
    "audit/permissions.py": "the access log's door, for log reviewers only",
    "privacy/permissions.py": "the citizens' rights desk's door (administrators, own org)",
    "citizens/services.py": "writes on a citizen or course the view got through the door",
    "measurements/services.py": "writes and summary refreshes for a course already fetched",
    "audit/services.py": "writes the access log; prunes it (the only deletion path)",
    "privacy/services.py": "erasure and retention of citizens already fetched or by policy",
    "citizens/aggregates.py": "counts over aggregate_units(user): numbers, never names",
    "dashboards/aggregates.py": "counts over the scoped courses the dashboard passes in",
    "improvement/aggregates.py": "monthly counts for an initiative the view got through its "
    "getter; no names, suppressed below k",
    "demo/seed.py": "the demo builder's own totals, run from the command line",
}


def direct_uses(path) -> list[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.value.id}.{node.attr} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in MANAGERS
        and isinstance(node.value, ast.Name)
        and node.value.id in PERSONAL_MODELS
    ]


def test_personal_data_is_queried_only_in_the_allowed_modules():
    # covers ACL-02: no view or API module uses Citizen/Course/Measurement.objects directly
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "lovende"
    found = {
        str(path.relative_to(package)): uses
        for path in sorted(package.rglob("*.py"))
        if "migrations" not in path.parts and (uses := direct_uses(path))
    }
    offenders = {module: uses for module, uses in found.items() if module not in ALLOWED}
    print(f"\n{len(found)} modules query personal data directly; allowlist ({len(ALLOWED)}):")
    for module, reason in ALLOWED.items():
        print(f"  {module}: {reason}")

    assert offenders == {}, "query through the app's permissions.py instead"
    assert not [m for m in ALLOWED if "views" in m or m.startswith("api/") or "forms" in m]
    assert "citizens/permissions.py" in found  # the walk sees the door itself
