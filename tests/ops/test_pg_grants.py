"""On PostgreSQL the application's role can only append to and read the access log (LOG-02)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from lovende.audit.models import AccessLog
from lovende.ops.grants import app_role_grants

pytestmark = pytest.mark.django_db

ROLE = "lovende_app_under_test"


def test_the_grants_make_the_access_log_append_only():
    statements = app_role_grants("app", ["audit_accesslog", "citizens_citizen"])

    assert 'GRANT SELECT, INSERT ON "public"."audit_accesslog" TO "app"' in statements
    assert (
        'GRANT SELECT, INSERT, UPDATE, DELETE ON "public"."citizens_citizen" TO "app"' in statements
    )
    assert statements[0] == 'REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "app"'


def test_a_role_name_cannot_break_out_of_its_quotes():
    assert app_role_grants('x"; DROP TABLE y; --', [])[1].endswith('TO "x""; DROP TABLE y; --"')


def refused(sql: str, params=()) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        return "permission denied" in str(error)
    return False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL privileges")
def test_the_application_role_may_insert_and_read_but_not_change_the_log(mette):
    # covers LOG-02: "on PostgreSQL the app role has only INSERT and SELECT on that table"
    entry = AccessLog.objects.create(
        organisation_id=mette.organisation_id, user=mette, action="vist", page="/x"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{ROLE}" NOLOGIN')  # rolled back with the test
    out = StringIO()
    call_command("pg_grants", ROLE, "--apply", stdout=out)
    assert "rettigheder givet" in out.getvalue()

    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{ROLE}"')
    try:
        assert AccessLog.objects.filter(pk=entry.pk).count() == 1
        AccessLog.objects.create(
            organisation_id=mette.organisation_id, user=mette, action="vist", page="/y"
        )
        assert refused("UPDATE audit_accesslog SET page = %s WHERE id = %s", ["/z", entry.pk])
        assert refused("DELETE FROM audit_accesslog WHERE id = %s", [entry.pk])
        assert not refused(
            "UPDATE organisation_user SET job_title = %s WHERE id = %s", ["Rådgiver", mette.pk]
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert AccessLog.objects.filter(page="/y").count() == 1
