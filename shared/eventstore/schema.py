"""Each service keeps its events in its own PostgreSQL schema, created if missing."""

from __future__ import annotations

import psycopg
from psycopg import sql

from shared.settings import ServiceSettings


def ensure_schema(settings: ServiceSettings, schema: str) -> None:
    with psycopg.connect(
        host=settings.postgres_host,
        port=settings.postgres_port,
        dbname=settings.postgres_dbname,
        user=settings.postgres_user,
        password=settings.postgres_password or None,
        autocommit=True,
        connect_timeout=10,
    ) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
