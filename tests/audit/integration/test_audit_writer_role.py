"""The role the audit service writes with can only insert: the service works under it, and
UPDATE and DELETE on its tables are refused by PostgreSQL itself."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest

from services.audit.adapters.db_roles import create_insert_only_role
from services.audit.bootstrap import build_audit
from services.audit.handlers import record_every_event
from services.audit.settings import AuditSettings
from shared.access.policy import Action, Target, decide
from shared.access.principal import Principal
from shared.eventstore.application import inbox_tracking
from shared.settings import ServiceSettings
from tests.audit.case_events import whole_case

pytestmark = pytest.mark.integration


def connect(settings: ServiceSettings, user: str, password: str | None = None) -> psycopg.Connection:
    return psycopg.connect(host="127.0.0.1", port=settings.postgres_port, dbname=settings.postgres_dbname,
                           user=user, password=password, autocommit=True)


def test_the_service_records_and_seals_as_the_writer_which_cannot_update_or_delete(
    settings: ServiceSettings, tmp_path: Path
) -> None:
    key = AuditSettings(signing_key_file=tmp_path / "audit.pem")
    owner_runtime, _ = build_audit(settings, key)  # the owner creates the schema and tables
    owner_runtime.app.close()
    role = f"audit_writer_{uuid.uuid4().hex[:8]}"
    with connect(settings, settings.postgres_user) as conn:
        create_insert_only_role(conn, "audit", role, "writer-secret")

    writer = settings.model_copy(update={"postgres_user": role, "postgres_password": "writer-secret"})
    runtime, parts = build_audit(writer, key.model_copy(update={"create_tables": False}))
    app = parts.read_model.app
    try:
        for event in whole_case()[:6]:
            record_every_event(app, event, inbox_tracking("audit", event.id))
        # The gate's own access record is written by the same insert-only role.
        control, principal = runtime.access, Principal("zhao", "supervisor", "org:central")
        assert control is not None
        target = Target.of_cadre("cadre-a", "org:baotou-municipal")
        decision = decide(principal, Action.READ_RECORD, target, control.tree)
        control.record(principal, Action.READ_RECORD, "GET /cadres/cadre-a/timeline", target, decision,
                       "inspection")
        assert [e["principal"] for e in parts.read_model.access_log()] == ["zhao"]
        assert parts.sealer.seal_all() == 1
        assert parts.sealer.verify().ok
        assert len(app.timeline("cadre-a")) == 6
    finally:
        runtime.app.close()

    with connect(settings, role, "writer-secret") as conn:
        for statement in ("UPDATE audit.audit_events SET topic = topic",
                          "DELETE FROM audit.audit_events",
                          "UPDATE audit.audit_tracking SET notification_id = notification_id",
                          "DELETE FROM audit.audit_tracking",
                          "TRUNCATE audit.audit_events"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM audit.audit_events").fetchone()[0] > 6
