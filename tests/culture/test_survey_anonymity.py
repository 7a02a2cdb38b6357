"""The database holds no link between a person and an answer (issue 6; SDC-02).

The answer transaction is inspected statement by statement: which tables it writes, and that
only Participation, which says *that* someone answered, refers to the user at all.
"""

import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lovende.culture import survey_services
from lovende.culture.models import (
    AnswerTally,
    Participation,
    RespondentTally,
    SurveyComment,
    SurveyItem,
    SurveyRound,
)
from lovende.organisation.models import User
from tests.culture.conftest import answer

pytestmark = pytest.mark.django_db

WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)
COUNTERS = [AnswerTally, RespondentTally, SurveyComment]


def _writes(queries):
    return [match.groups() for q in queries if (match := WRITE.match(q["sql"]))]


def _columns(model):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return {column.name for column in description}


def _foreign_tables(model):
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, model._meta.db_table)
    return {table for _column, (_field, table) in relations.items()}


def test_it_writes_only_the_participation_and_the_counters(mette, culture_round):
    # covers SDC-02
    with CaptureQueriesContext(connection) as queries:
        answer(culture_round, mette, comment="Vi hjælper hinanden.")

    writes = _writes(queries.captured_queries)
    assert {table for _verb, table in writes} == {
        Participation._meta.db_table,
        AnswerTally._meta.db_table,
        RespondentTally._meta.db_table,
        SurveyComment._meta.db_table,
    }
    assert ("INSERT INTO", AnswerTally._meta.db_table) not in {
        (verb.upper(), table) for verb, table in writes
    }


def test_it_puts_the_user_in_participation_only(mette, culture_round):
    # covers SDC-02
    user_table = User._meta.db_table

    for model in COUNTERS:
        assert user_table not in _foreign_tables(model), model
        assert not any("user" in column for column in _columns(model)), model
    assert user_table in _foreign_tables(Participation)


def test_it_gives_participation_nothing_to_join_on_but_the_round():
    # covers SDC-02
    assert _columns(Participation) == {"id", "round_id", "user_id"}
    assert _foreign_tables(Participation) == {SurveyRound._meta.db_table, User._meta.db_table}


def test_it_stores_counters_and_comments_without_time_or_person():
    # covers SDC-02
    assert _columns(AnswerTally) == {"id", "item_id", "group", "value", "count"}
    assert _columns(RespondentTally) == {"id", "round_id", "group", "count"}
    assert _columns(SurveyComment) == {"id", "round_id", "text"}
    assert SurveyComment._meta.pk.get_internal_type() == "UUIDField"
    assert SurveyItem._meta.db_table not in _foreign_tables(Participation)


def test_it_leaves_no_row_per_answer(lars, culture_round, nord_team):
    # covers SDC-02
    rows_before = AnswerTally.objects.count()

    for user in nord_team:
        answer(culture_round, user, value=3)

    assert AnswerTally.objects.count() == rows_before
    assert AnswerTally.objects.get(item__round=culture_round, value=3).count == 5


def test_it_rewrites_participations_and_comments_in_a_neutral_order_on_close(
    lars, culture_round, nord_team
):
    # covers SDC-02
    for user, text in zip(reversed(nord_team), "edcba", strict=True):
        answer(culture_round, user, comment=f"{text} kommentar")

    survey_services.close_survey_round(by=lars, survey=culture_round)

    by_id = list(Participation.objects.order_by("id").values_list("user_id", flat=True))
    assert by_id == sorted(by_id)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(SurveyComment._meta.db_table)
        order = "rowid" if connection.vendor == "sqlite" else "ctid"
        cursor.execute(f"SELECT text FROM {table} ORDER BY {order}")  # noqa: S608 - fixed names
        stored = [row[0] for row in cursor.fetchall()]
    assert stored == sorted(stored)


def test_it_writes_no_user_id_to_the_log_when_answering(client_for, mette, culture_round, caplog):
    # covers SDC-02
    data = {f"item_{item.pk}": "5" for item in culture_round.items.all()}

    with caplog.at_level(logging.DEBUG):
        response = client_for(mette).post(
            reverse("culture:answer_survey", args=[culture_round.pk]), data
        )

    assert response.status_code == 302
    for record in caplog.records:
        if record.name == "django.db.backends":
            continue  # the SQL itself, checked statement by statement above
        message = record.getMessage()
        assert "mette" not in message
        assert f"user_id={mette.pk}" not in message


def test_it_does_not_put_the_personal_link_into_the_answer(client_for, mette, culture_round):
    # covers SDC-02
    from lovende.culture.permissions import survey_link_token

    token = survey_link_token(culture_round, mette)

    client_for(mette).get(reverse("culture:survey_link", args=[token]))
    answer(culture_round, mette, comment="Fint.")

    for model in COUNTERS:
        for row in model.objects.values():
            assert token not in str(row)
