"""PostgreSQL privileges for the application's own role (LOG-02).

The running application may add to the access log and read it, never change or remove it: on
PostgreSQL its role gets INSERT and SELECT on the append-only tables and the usual rights on the
rest. The retention job and migrations run as the owner (a separate role), which the trigger on
the access log lets through only inside `lovende prune_access_log`. Pure: builds SQL text.
"""

from collections.abc import Iterable

# Tables the application may only append to and read.
APPEND_ONLY = ("audit_accesslog", "audit_securityevent")


def quote(identifier: str) -> str:
    """A PostgreSQL identifier, quoted (role and table names come from our own settings)."""
    return '"' + identifier.replace('"', '""') + '"'


def app_role_grants(role: str, tables: Iterable[str], schema: str = "public") -> list[str]:
    """GRANT statements giving ``role`` what the running application needs, and no more."""
    r, s = quote(role), quote(schema)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
    ]
    for table in sorted(tables):
        rights = "SELECT, INSERT" if table in APPEND_ONLY else "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {s}.{quote(table)} TO {r}")
    return statements
