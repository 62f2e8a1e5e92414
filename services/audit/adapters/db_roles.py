"""The database role the audit service writes with: it may read and insert, never update or delete.

Run once by an administrator, after the service has created its tables (its first start as the
owner); then run the service as the writer role with
AUDIT_CREATE_TABLES=false. MAINTAIN (PostgreSQL 17+) is granted only because the event store takes
`LOCK TABLE ... IN EXCLUSIVE MODE` to keep notification ids in commit order; it allows no change
to any row.
"""

from __future__ import annotations

import psycopg
from psycopg import sql


def insert_only_statements(schema: str, role: str, password: str) -> list[sql.Composed]:
    s, r = sql.Identifier(schema), sql.Identifier(role)
    return [
        sql.SQL("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN "
                "CREATE ROLE {role} LOGIN; END IF; END $$").format(name=sql.Literal(role), role=r),
        sql.SQL("ALTER ROLE {} WITH LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE").format(
            r, sql.Literal(password)),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(s, r),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT MAINTAIN ON ALL TABLES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, r),
        sql.SQL("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {} TO {}").format(s, r),
    ]


def create_insert_only_role(conn: psycopg.Connection[tuple[object, ...]], schema: str, role: str,
                            password: str) -> None:
    """Create (or reset) `role` with SELECT and INSERT only on the audit schema's tables."""
    for statement in insert_only_statements(schema, role, password):
        conn.execute(statement)
