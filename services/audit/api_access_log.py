"""HTTP API of the access log (SPEC §8): every service's refusals and supervisory reads, shown to
supervisors for the units beneath them. Reading it is itself a recorded supervisory read."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.audit import targets
from services.audit.api_deps import PartsDep
from services.audit.domain.access_log import LogEntry, LogQuery, is_supervisory_read
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action

router = APIRouter(tags=["access log"])
SUPERVISE = access(Action.SUPERVISE)


def _beneath(gate: Gate, entries: list[LogEntry], limit: int | None = None) -> list[LogEntry]:
    """The (latest) entries the reader oversees; the read is recorded once, naming what it showed."""
    visible = [(e, t) for e in entries if gate.visible(t := targets.of_log_entry(e))]
    shown = visible[-limit:] if limit else visible
    gate.listed([t for _, t in shown])
    return [e for e, _ in shown]


@router.get("/access-log", openapi_extra=SUPERVISE)
def list_access_log(
    parts: PartsDep, gate: GateDep,
    outcome: Annotated[Literal["allowed", "denied"] | None, Query()] = None,
    service: Annotated[str | None, Query(description="identification, adjustment, followup, audit")] = None,
    principal: Annotated[str | None, Query(description="who read or was refused")] = None,
    since: Annotated[datetime | None, Query(description="recorded at or after this moment")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="the latest entries, at most")] = 1000,
) -> list[dict[str, Any]]:
    """Refusals and supervisory reads of every service, where the record read or its reader lies
    beneath the reader's unit: who, from which unit, what, when, the rule that decided, and why."""
    query = LogQuery(outcome=outcome, service=service, principal=principal, since=since)
    return _beneath(gate, query.select(parts.read_model.access_log()), limit)


@router.get("/supervisor-reads", openapi_extra=SUPERVISE)
def list_supervisor_reads(parts: PartsDep, gate: GateDep) -> list[dict[str, Any]]:
    """The reads of supervisors and inspection teams (who, from which unit, what, when, why; allowed
    or refused by the organisation tree), beneath the reader: the access log's older view."""
    reads = _beneath(gate, [e for e in parts.read_model.access_log() if is_supervisory_read(e)])
    return [{"reader": r["principal"], "reader_unit": r["unit"], "reason": r["stated_purpose"],
             "what": r["what"], "at": r["at"], "allowed": r["outcome"] == "allowed",
             "service": r["service"], "record_id": r["record_id"], "position": r["position"]}
            for r in reads]
