"""The data inventory covers every stored field, and nothing that is gone (PRIV-01)."""

# covers PRIV-01

from django.apps import apps

from lovende.privacy import inventory
from lovende.privacy.record import in_scope, inventory_gaps, stored_fields

FIX = "Classify it in lovende/privacy/inventory.py, then run `lovende privacy_record`."


def test_it_classifies_every_stored_field_of_every_model() -> None:
    missing, _stale = inventory_gaps()

    assert not missing, f"Fields without a category: {', '.join(missing)}. {FIX}"


def test_it_lists_no_field_that_no_longer_exists() -> None:
    _missing, stale = inventory_gaps()

    assert not stale, f"Inventory entries with no field: {', '.join(stale)}. Remove them. {FIX}"


def test_it_gives_each_field_one_category() -> None:
    assert not inventory.listed_twice(), f"Listed under two categories: {inventory.listed_twice()}"


def test_it_uses_only_known_categories_subjects_and_purposes() -> None:
    entries = inventory.INVENTORY.items()

    unknown = [label for label, e in entries if not set(e["fields"]) <= set(inventory.CATEGORIES)]
    unknown += [label for label, e in entries if not set(e["subjects"]) <= set(inventory.SUBJECTS)]
    unknown += [label for label, e in entries if e["purpose"] not in inventory.PURPOSES]

    assert not unknown


def test_it_covers_the_project_apps_and_djangos_user_data() -> None:
    labels = {model._meta.label for model in apps.get_models() if in_scope(model)}

    assert {"citizens.Citizen", "organisation.User", "sessions.Session"} <= labels
    assert {"culture.Concern", "scaling.Adaptation", "improvement.Trial"} <= labels
    assert "axes.AccessAttempt" in labels  # a dependency storing login attempts is in scope too
    assert "messages" not in {label.split(".")[0] for label in labels}


def test_it_counts_fk_and_many_to_many_fields_by_name() -> None:
    course = apps.get_model("citizens", "Course")

    assert {"citizen", "responsible"} <= set(stored_fields(course))


def test_it_keeps_cpr_and_health_where_they_belong() -> None:
    categories = inventory.field_categories()

    assert categories["citizens.Citizen"]["cpr"] == inventory.CPR
    assert categories["measurements.Measurement"]["answers"] == inventory.ART9_HEALTH
    assert categories["citizens.Course"]["intervention"] == inventory.SOCIAL_PRIVATE
