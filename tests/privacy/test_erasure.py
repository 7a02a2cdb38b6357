"""Erasing a citizen leaves nothing behind but the access log (SECURITY PRIV-04, REL-01)."""

import datetime

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse

from lovende.audit.models import AccessLog
from lovende.citizens import services as citizen_services
from lovende.citizens.models import (
    Assessment,
    Change,
    Citizen,
    Course,
    Feedback,
    Goal,
    Observation,
)
from lovende.measurements import services as measurement_services
from lovende.measurements.models import Measurement, MonthlyScores, OutcomeSummary
from lovende.privacy import services as privacy_services
from lovende.privacy.inventory import BORGER, INVENTORY
from lovende.reflection import packs
from lovende.reflection import services as reflection_services
from lovende.reflection.models import DataPack, Meeting
from tests.conftest import make_course
from tests.measurements.conftest import ors_answers
from tests.reflection.conftest import make_forum, past_meetings

pytestmark = pytest.mark.django_db

MARKER = "zqxtombstone7731"  # lower case: tags are stored lower-cased
CPR = "0103159921"
# The citizen's own models: every text and JSON field of these gets the marker (no choice fields,
# whose values are fixed codes, and no generated pseudonym, which is scanned for separately).
CITIZEN_MODELS = [Citizen, Course, Observation, Feedback, Assessment, Goal, Measurement, Change]
TEXT_TYPES = (models.CharField, models.TextField, models.JSONField)


def text_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, TEXT_TYPES) and not f.choices]


def marked_citizen(mette, intervention, unit, ors) -> Citizen:
    """A citizen with the marker in every free text and JSON field of every model of theirs."""
    course = make_course(mette, intervention, unit, f"Anna{MARKER}", f"Berg{MARKER}", cpr=CPR)
    on = datetime.date(2025, 2, 3)
    text = f"Tekst med {MARKER}"
    citizen_services.record_observation(
        by=mette, context=None, course=course, observed_on=on, kind="trivsel", text=text,
        tags=[MARKER],
    )  # fmt: skip
    citizen_services.record_assessment(
        by=mette, context=None, course=course, assessed_on=on, direction="stable", text=text
    )
    citizen_services.record_feedback(by=mette, context=None, course=course, given_on=on, text=text)
    citizen_services.add_goal(by=mette, context=None, course=course, title=text, expected=text)
    measurement = measurement_services.record_measurement(
        by=mette, context=None, course=course, instrument=ors,
        answers=ors_answers(3, 4, 2, 5), measured_on=on,
    )  # fmt: skip
    # Rectifications (art. 16) and a restriction (art. 18) keep old values and a reason
    citizen_services.update_citizen(
        by=mette, context=None, citizen=course.citizen, first_name=f"Anne{MARKER}"
    )
    measurement_services.update_measurement(
        by=mette, context=None, measurement=measurement, answers=ors_answers(3, 4, 3, 5),
        measured_on=on,
    )  # fmt: skip
    # The answers are validated item keys and numbers; a stray key stands for anything a future
    # instrument might store there.
    Measurement.objects.filter(pk=measurement.pk).update(answers={**measurement.answers, MARKER: 1})
    privacy_services.restrict_processing(
        by=mette, context=None, citizen=course.citizen, reason=text
    )
    # The history's labels are fixed texts; stamp them like the answers' stray key above
    Change.objects.filter(citizen=course.citizen).update(field=text, old_value=text, new_value=text)
    return course.citizen


def every_text_column():
    """(table, model, field) for every text or JSON column of every table Django manages."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_TYPES) and (model._meta.db_table, field.column) not in seen:
                seen.add((model._meta.db_table, field.column))
                yield model._meta.db_table, model, field


def scan(needles: list[str]) -> tuple[int, int, list[str]]:
    """Tables, text columns and the hits of any needle (case-insensitive) over the whole DB."""
    columns = list(every_text_column())
    tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    hits = []
    for table, model, field in columns:
        for value in model._base_manager.values_list(field.attname, flat=True):
            if model is Session and field.name == "session_data":
                value = SessionStore().decode(value)  # signed and encoded: read what it holds
            text = str(value).lower()
            hits += [f"{table}.{field.column}" for needle in needles if needle.lower() in text]
    return len(tables), len(columns), hits


def snapshot() -> tuple[list, list]:
    summaries = sorted(
        OutcomeSummary.objects.values_list(
            "course_id", "instrument_id", "count", "first_score", "latest_score", "change",
            "category",
        )
    )  # fmt: skip
    monthly = sorted(
        MonthlyScores.objects.values_list(
            "intervention_id", "unit_id", "start_date", "instrument_id", "month", "courses",
            "measurements", "score_sum",
        )
    )  # fmt: skip
    return summaries, monthly


def fresh_recompute() -> tuple[list, list]:
    for summary in OutcomeSummary.objects.select_related("course", "instrument"):
        measurement_services.refresh_outcome_summary(summary.course, summary.instrument)
    measurement_services.rebuild_monthly_scores()
    return snapshot()


@pytest.fixture
def world(mette, lars, intervention, tree, ors):
    """The marked citizen beside another in the same cell, both on a meeting's data pack."""
    citizen = marked_citizen(mette, intervention, tree.nord, ors)
    other = make_course(mette, intervention, tree.nord, "Bo", "Andersen")
    measurement_services.record_measurement(
        by=mette, context=None, course=other, instrument=ors,
        answers=ors_answers(6, 6, 6, 6), measured_on=datetime.date(2025, 2, 10),
    )  # fmt: skip
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord,
        participants=[mette, lars], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]
    for course in (citizen.courses.get(), other):
        reflection_services.add_agenda_course(by=mette, meeting=meeting, course=course)
    packs.generate_data_pack(by=mette, meeting=meeting)
    return citizen, other, meeting


def citizen_models_in_inventory() -> set[type[models.Model]]:
    """Models the inventory says hold data on citizens and that hang off a citizen or course."""
    found = set()
    for label, entry in INVENTORY.items():
        if BORGER not in entry["subjects"]:
            continue
        model = apps.get_model(label)
        owners = {f.related_model for f in model._meta.concrete_fields if f.many_to_one}
        if model is Citizen or owners & {Citizen, Course}:
            found.add(model)
    return found


def test_it_marks_every_text_field_of_the_citizens_models(world):
    # covers PRIV-04: the tombstone test below is only as good as its seeding, so check it
    citizen, _other, _meeting = world
    from_inventory = citizen_models_in_inventory()
    # A new model of a citizen's record must be seeded here too; one without text needs no marker
    assert {m for m in from_inventory - set(CITIZEN_MODELS) if text_fields(m)} == set()
    unmarked = []
    for model in CITIZEN_MODELS:
        assert model in from_inventory
        rows = model._base_manager.filter(
            **({"pk": citizen.pk} if model is Citizen else _citizen_filter(model, citizen))
        )
        for field in text_fields(model):
            if field.name == "pseudonym":
                continue
            values = [str(v).lower() for v in rows.values_list(field.attname, flat=True)]
            if not values or not all(MARKER in v or v == CPR for v in values):
                unmarked.append(f"{model._meta.label}.{field.name}")

    assert unmarked == []
    assert MARKER in str(DataPack.objects.get().content).lower()


def _citizen_filter(model, citizen) -> dict:
    return {"citizen": citizen} if model in (Course, Change) else {"course__citizen": citizen}


def test_erasure_leaves_no_trace_but_the_access_log(client_for, ida, world):
    # covers PRIV-04: tombstone scan over every text and JSON column of every table
    citizen, other, _meeting = world
    pseudonym, citizen_id = citizen.pseudonym, citizen.pk
    course_id = citizen.courses.get().pk
    before_cells = MonthlyScores.objects.get().measurements
    client = client_for(ida)
    seeded = set(scan([MARKER, CPR])[2])  # the scan sees the marker wherever it was put
    assert {"reflection_datapack.content", "measurements_measurement.answers"} <= seeded
    assert {"citizens_citizen.cpr", "citizens_observation.tags", "citizens_goal.expected"} <= seeded

    page = client.get(reverse("privacy:erase_citizen", args=[citizen_id]))
    refused = client.post(reverse("privacy:erase_citizen", args=[citizen_id]), {"pseudonym": "B-X"})
    assert page.status_code == 200
    assert "Ændringshistorik" in page.content.decode()  # the history is named among what goes
    assert refused.status_code == 422
    assert Citizen.objects.filter(pk=citizen_id).exists()  # a wrong pseudonym erases nothing
    response = client.post(
        reverse("privacy:erase_citizen", args=[citizen_id]), {"pseudonym": pseudonym}
    )

    assert response.status_code == 302
    tables, columns, hits = scan([MARKER, CPR])
    assert hits == []
    # The pseudonym stays only in the access log, which keeps to its own expiry (LOG-02)
    _t, _c, pseudonym_hits = scan([pseudonym])
    assert set(pseudonym_hits) == {"audit_accesslog.citizen_pseudonym"}
    assert AccessLog.objects.filter(citizen_id=citizen_id, action="slettet").count() == 1
    assert not Meeting.agenda_courses.through.objects.filter(course_id=course_id).exists()
    pack = DataPack.objects.get()
    assert [o["course"] for o in pack.content["owners"]] == [other.pk]  # the other stays
    assert len(pack.content["tables"][0]["rows"]) == 1
    assert MonthlyScores.objects.get().measurements == before_cells - 1
    assert snapshot() == fresh_recompute()
    print(
        f"\nTombstone scan over {tables} tables and {columns} text columns after erasure: "
        f"{len(hits)} residual markers"
    )


def test_only_an_administrator_may_erase(client, mette, sofie, lars, karin, world):
    # covers PRIV-04: erasure is the controller's decision; everyone else gets 404
    citizen, _other, _meeting = world
    for user in (mette, sofie, lars, karin):
        client.force_login(user)
        url = reverse("privacy:erase_citizen", args=[citizen.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"pseudonym": citizen.pseudonym}).status_code == 404

    assert Citizen.objects.filter(pk=citizen.pk).exists()


def test_a_failed_erasure_changes_nothing(ida, world, monkeypatch):
    # covers PRIV-04 with REL-01: the erasure is one transaction
    from lovende.privacy import services

    citizen, _other, _meeting = world
    before = snapshot(), Measurement.objects.count(), DataPack.objects.get().content

    def fail(**kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(services, "refresh_monthly_scores", fail)
    with pytest.raises(RuntimeError):
        services.erase_citizen(by=ida, context=None, citizen=citizen)

    assert Citizen.objects.filter(pk=citizen.pk).exists()
    assert (snapshot(), Measurement.objects.count(), DataPack.objects.get().content) == before
