"""A closed round leaves no row metadata that links a person to their answers (SDC-02).

The security review showed that on PostgreSQL the answer transaction stamps its transaction id
(``xmin``) on the Participation row and on every counter it updates, so joining on xmin told
who answered what; after closing, the counters kept the last answerer's xmin and physical order
(``ctid``). Closing now deletes and re-creates every row an answer wrote, in a neutral order and
in one transaction. While a round is open a database administrator can still link the latest
answer: decision 15 says so plainly.

The xmin tests need PostgreSQL (``DATABASE_URL=postgres://…``); SQLite has no xmin, so they are
skipped there with that reason. The rest runs on both engines.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lovende.culture import survey_services
from lovende.culture.models import AnswerTally, Participation, RespondentTally, SurveyComment
from tests.culture.conftest import answer

ROUND_TABLES = {
    # table: how its rows belong to the round
    Participation._meta.db_table: "round_id = %s",
    RespondentTally._meta.db_table: "round_id = %s",
    SurveyComment._meta.db_table: "round_id = %s",
    AnswerTally._meta.db_table: "item_id IN (SELECT id FROM culture_surveyitem WHERE round_id = %s)",
}

# The review's join: the Participation row and the counters one answer touched, by xmin.
XMIN_JOIN = """
    SELECT u.username, i."order", t.value
    FROM culture_participation p
    JOIN organisation_user u ON u.id = p.user_id
    JOIN culture_answertally t ON t.xmin::text::bigint IN (p.xmin::text::bigint,
                                                           p.xmin::text::bigint - 1)
    JOIN culture_surveyitem i ON i.id = t.item_id
    WHERE p.round_id = %s AND t.count > 0
"""

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="xmin and ctid are PostgreSQL's row metadata; SQLite has neither",
)


def _xmins(survey):
    xmins = {}
    with connection.cursor() as cursor:
        for table, condition in ROUND_TABLES.items():
            cursor.execute(
                f"SELECT DISTINCT xmin::text FROM {table} WHERE {condition}",  # noqa: S608
                [survey.pk],
            )
            xmins[table] = {row[0] for row in cursor.fetchall()}
    return xmins


def _answer_everyone(survey, team):
    for value, person in enumerate(team, start=1):
        answer(survey, person, value, comment=f"{'edcba'[value - 1]} kommentar")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_closing_leaves_no_xmin_that_links_a_person_to_answers(
    lars, tree, landmark, nord_team, culture_round
):
    # covers SDC-02: the review's attack, which worked on the open round, finds nothing after close
    _answer_everyone(culture_round, nord_team)
    answer_xids = {xid for xids in _xmins(culture_round).values() for xid in xids}

    survey_services.close_survey_round(by=lars, survey=culture_round)

    with connection.cursor() as cursor:
        cursor.execute(XMIN_JOIN, [culture_round.pk])
        linked = {row[0] for row in cursor.fetchall()}
    after = _xmins(culture_round)
    closing = set().union(*after.values())
    assert len(closing) == 1, after  # every row now carries the closing transaction's xmin
    assert not closing & answer_xids
    # The only join left pairs every participation with every counter: nobody with anything.
    assert linked in (set(), {person.username for person in nord_team})


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_closing_stores_the_counters_in_a_neutral_physical_order(
    lars, tree, landmark, nord_team, culture_round
):
    # covers SDC-02: ctid order no longer shows which counter was updated last
    for value, person in zip((5, 4, 3, 2, 1), nord_team, strict=True):  # updated high to low
        answer(culture_round, person, value)

    survey_services.close_survey_round(by=lars, survey=culture_round)

    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT t.item_id, t."group", t.value FROM culture_answertally t '
            "JOIN culture_surveyitem i ON i.id = t.item_id WHERE i.round_id = %s ORDER BY t.ctid",
            [culture_round.pk],
        )
        physical = cursor.fetchall()
        cursor.execute(
            "SELECT user_id FROM culture_participation WHERE round_id = %s ORDER BY ctid",
            [culture_round.pk],
        )
        users = [row[0] for row in cursor.fetchall()]
    assert physical == sorted(physical)
    assert users == sorted(users)


@pytest.mark.django_db(transaction=True)
def test_the_answer_transaction_has_no_savepoint(nord_team, culture_round):
    # The savepoint gave the Participation its own transaction id, one above the counters'.
    with CaptureQueriesContext(connection) as queries:
        answer(culture_round, nord_team[0])

    assert not [q["sql"] for q in queries.captured_queries if "SAVEPOINT" in q["sql"].upper()]


@pytest.mark.django_db(transaction=True)
def test_a_double_answer_is_still_refused_without_the_savepoint(
    monkeypatch, nord_team, culture_round
):
    # A second tab that passed the check before the first committed: the insert fails, the
    # whole answer rolls back, and the person is told they have answered.
    answer(culture_round, nord_team[0], 2)
    monkeypatch.setattr(survey_services, "answer_refusal", lambda survey, user: "")

    with pytest.raises(ValidationError, match="allerede svaret"):
        answer(culture_round, nord_team[0], 5, comment="Anden fane")

    assert AnswerTally.objects.filter(item__round=culture_round, value=5).get().count == 0
    assert culture_round.respondents.get().count == 1
    assert not culture_round.comments.exists()


@pytest.mark.django_db
def test_closing_recreates_every_counter_in_sorted_order(lars, nord_team, culture_round):
    # covers SDC-02: on both engines, new rows in (item, group, value) order, counts kept
    _answer_everyone(culture_round, list(reversed(nord_team)))
    before = sorted(
        AnswerTally.objects.filter(item__round=culture_round).values_list(
            "id", "item_id", "group", "value", "count"
        )
    )
    respondents_before = list(culture_round.respondents.values_list("id", "group", "count"))

    survey_services.close_survey_round(by=lars, survey=culture_round)

    after = list(
        AnswerTally.objects.filter(item__round=culture_round)
        .order_by("id")
        .values_list("id", "item_id", "group", "value", "count")
    )
    assert [row[1:] for row in after] == sorted(row[1:] for row in before)
    assert min(row[0] for row in after) > max(row[0] for row in before)
    respondents_after = list(culture_round.respondents.values_list("id", "group", "count"))
    assert [row[1:] for row in respondents_after] == [row[1:] for row in respondents_before]
    assert respondents_after[0][0] > max(row[0] for row in respondents_before)
    order = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT item_id, "group", value FROM {AnswerTally._meta.db_table} '  # noqa: S608
            f"WHERE item_id IN (SELECT id FROM culture_surveyitem WHERE round_id = %s) "
            f"ORDER BY {order}",
            [culture_round.pk],
        )
        physical = cursor.fetchall()
    assert physical == sorted(physical)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite pragma")
@pytest.mark.django_db
def test_sqlite_overwrites_deleted_rows():
    # The rows closing deletes are overwritten in the file, not left in free pages.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
