"""Rules the code must keep, checked by reading it (STYLE §1, SECURITY ACL-02, ACL-03)."""

import ast
from pathlib import Path

import pytest
from django import forms
from django.apps import apps

PACKAGE = Path(__file__).resolve().parents[2] / "lovende"
PURE_MODULES = [
    "citizens/cpr.py",
    "analytics/suppression.py",
    "analytics/spc/__init__.py",
    "analytics/spc/runs.py",
    "analytics/spc/limits.py",
    "analytics/spc/charts.py",
    "analytics/spc/direction.py",
    "analytics/spc/nhs.py",
    "improvement/chart_csv.py",
    "improvement/composition.py",
    "improvement/series.py",
    "improvement/measure_charts.py",
    "scaling/promising.py",
    "scaling/assessment_charts.py",
    "scaling/readiness.py",
    "scaling/fidelity.py",
    "scaling/rules.py",
    "instruments/scoring.py",
    "instruments/library.py",
    "measurements/outcomes.py",
    "measurements/signals.py",
    "measurements/charts.py",
    "measurements/evidence.py",
    "reflection/defaults.py",
    "reflection/schedule.py",
    "reflection/ical.py",
    "reflection/review.py",
    "interventions/economy.py",
    "interventions/target_groups.py",
    "culture/leadership.py",
    "culture/survey_results.py",
    "culture/survey_charts.py",
]
PERSONAL_MODELS = {
    "Citizen",
    "Course",
    "Observation",
    "Feedback",
    "Assessment",
    "Goal",
    "Change",
    "AccessLog",
    "Measurement",
    "OutcomeSummary",
}
DOORS = {"permissions.py", "services.py", "aggregates.py", "models.py", "seed.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", PURE_MODULES)
def test_it_keeps_pure_modules_free_of_django(module):
    pure = {
        "lovende." + m.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for m in PURE_MODULES
    }
    imports = imported_modules(PACKAGE / module)

    assert not [name for name in imports if name.split(".")[0] == "django"]
    assert not [
        name
        for name in imports
        if name.startswith("lovende") and name not in pure | {"lovende.instruments"}
    ]


def manager_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value.id}.objects"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "objects"
        and isinstance(node.value, ast.Name)
        and node.value.id in PERSONAL_MODELS
    ]


def test_it_reaches_personal_data_only_through_the_permission_layer():
    # covers ACL-02: no view, form or template tag queries citizens, courses or the log directly
    offenders = [
        use
        for path in PACKAGE.rglob("*.py")
        if path.name not in DOORS and "migrations" not in path.parts
        for use in manager_uses(path)
    ]

    assert offenders == []


def test_it_lists_model_form_fields_explicitly():
    # covers ACL-03: no "__all__" and no exclude, so no mass assignment
    model_forms = [
        cls for cls in all_subclasses(forms.ModelForm) if cls.__module__.startswith("lovende")
    ]

    for form_class in model_forms:
        meta = form_class._meta
        assert isinstance(meta.fields, list | tuple), form_class
        assert not meta.exclude, form_class


def all_subclasses(cls: type) -> set[type]:
    return set(cls.__subclasses__()).union(*(all_subclasses(c) for c in cls.__subclasses__()))


def test_it_registers_every_app_under_the_lovende_package():
    labels = {config.name for config in apps.get_app_configs() if config.name.startswith("lovende")}

    assert {
        "lovende.organisation",
        "lovende.citizens",
        "lovende.interventions",
        "lovende.audit",
    } <= labels
