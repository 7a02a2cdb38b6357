"""The access log is append-only in the database too (SECURITY.md LOG-02).

PostgreSQL: a trigger rejects every UPDATE, and every DELETE unless the transaction has set
``lovende.prune = 'on'``, which only ``audit.services.prune_access_log`` does. TRUNCATE is not
blocked (the test database is flushed with it; the app never truncates).

SQLite has no session variables, so there the trigger only rejects UPDATE; DELETE is refused by
the application alone. SQLite rebuilds a table when a migration alters it, which drops the
trigger: a later migration that alters ``audit_accesslog`` must create it again.
"""

from django.db import migrations

POSTGRESQL_CREATE = """
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('lovende.prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_accesslog is append-only (LOG-02): % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accesslog_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslog
    FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS audit_accesslog_append_only ON audit_accesslog;
DROP FUNCTION IF EXISTS audit_accesslog_append_only();
"""
SQLITE_CREATE = """
CREATE TRIGGER audit_accesslog_no_update BEFORE UPDATE ON audit_accesslog
BEGIN
    SELECT RAISE(ABORT, 'audit_accesslog is append-only (LOG-02): UPDATE refused');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_accesslog_no_update;"

SQL = {"postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP), "sqlite": (SQLITE_CREATE, SQLITE_DROP)}


def _run(index: int):
    def run(apps, schema_editor) -> None:
        statements = SQL.get(schema_editor.connection.vendor)
        if statements:
            schema_editor.execute(statements[index], params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(_run(0), _run(1), elidable=False)]
