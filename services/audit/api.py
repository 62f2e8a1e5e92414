"""HTTP API of the audit service: the documentary record of cadres and cases, read-only.

The record names reporters and every step taken, so it is read by the units that manage the cadre
and by supervisors above them (each such read recorded with its purpose), never by the cadre."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.audit import targets
from services.audit.api_access_log import router as access_log_router
from services.audit.api_compliance import router as compliance_router
from services.audit.api_deps import AppDep, PartsDep
from services.audit.api_filing import router as filing_router
from services.audit.api_integrity import router as integrity_router
from services.audit.bootstrap import AuditParts
from services.audit.domain.errors import RecordNotFoundError
from services.audit.domain.record import CadreRecord
from services.audit.domain.timing import with_timing
from shared.access.http import GateDep, access
from shared.access.policy import Action, Target

records = APIRouter(tags=["audit"])
AsOf = Annotated[datetime | None, Query(
    description="effective time: only what had taken effect by then, as its source stated it "
                "(a date alone: its start, China Standard Time)")]
AsKnownAt = Annotated[datetime | None, Query(
    description="recording time: only what the record had learnt by then")]
READ_RECORD = access(Action.READ_RECORD)


class TimelinePublic(BaseModel):
    cadre_id: str
    as_of: datetime | None
    as_known_at: datetime | None
    entries: list[dict[str, Any]] = Field(
        description="in the order recorded; each with `timing` (derived, not part of the entry: "
                    "effective_at, known_at, back_dated, known_days_after_effect, late)")


class CaseTimelinePublic(TimelinePublic):
    case_id: str


def _cadre(parts: AuditParts, cadre_id: str) -> Target:
    return targets.of_cadre(cadre_id, parts.read_model.authority_of(cadre_id))


@records.get("/cadres/{cadre_id}/timeline", openapi_extra=READ_RECORD)
def get_timeline(cadre_id: str, app: AppDep, parts: PartsDep, gate: GateDep,
                 as_of: AsOf = None, as_known_at: AsKnownAt = None) -> TimelinePublic:
    """A cadre's record in the order received: all of it, or what had taken effect by `as_of`
    among what the record knew at `as_known_at` (either, both or neither)."""
    record = app.cadre_record(cadre_id)
    gate.check(_cadre(parts, cadre_id))
    return TimelinePublic(cadre_id=cadre_id, as_of=as_of, as_known_at=as_known_at,
                          entries=with_timing(record.timeline(as_of, as_known_at)))


@records.get("/cases/{case_id}/timeline", openapi_extra=READ_RECORD)
def get_case_timeline(case_id: str, app: AppDep, parts: PartsDep, gate: GateDep,
                      as_of: AsOf = None, as_known_at: AsKnownAt = None) -> CaseTimelinePublic:
    """A case's record, identification stage, appeals and corrections included; `as_of` and
    `as_known_at` as on the cadre's timeline."""
    case = app.case_file(case_id)
    gate.check(_cadre(parts, case.cadre_id))
    return CaseTimelinePublic(case_id=case_id, cadre_id=case.cadre_id, as_of=as_of,
                              as_known_at=as_known_at,
                              entries=with_timing(case.timeline(as_of, as_known_at)))


@records.get("/cases/{case_id}", openapi_extra=READ_RECORD)
def get_case_state(case_id: str, app: AppDep, parts: PartsDep, gate: GateDep,
                   as_of: AsOf = None, as_known_at: AsKnownAt = None) -> dict[str, Any]:
    """The case as it stood in effect at `as_of`, as known at `as_known_at`: who handled it and
    the five IM 32 fields."""
    case = app.case_file(case_id)
    gate.check(_cadre(parts, case.cadre_id))
    return case.state(as_of, as_known_at)


@records.get("/cadres/{cadre_id}/entries/{event_id}/proof", openapi_extra=READ_RECORD)
def get_entry_proof(cadre_id: str, event_id: str, app: AppDep, parts: PartsDep,
                    gate: GateDep) -> dict[str, Any]:
    """The inclusion proof of one entry of the cadre's record, with the entry's content: an
    outsider recomputes its leaf from it, walks the path to the signed checkpoint and checks the
    signature (`cadre verify-proof proof.json --key key.pem --entry served_entry.json`)."""
    record = app.cadre_record(cadre_id)
    gate.check(_cadre(parts, cadre_id))
    served = next((e for e in record.entries if e.get("event_id") == event_id), None)
    position = parts.read_model.position_of(event_id)
    if served is None or position is None:
        raise RecordNotFoundError(f"event {event_id} is not on the record of cadre {cadre_id}")
    proof = parts.sealer.inclusion_proof(position, full=True)
    if proof["entry"]["originator_id"] != str(CadreRecord.create_id(cadre_id)):
        raise RecordNotFoundError(f"event {event_id} is not on the record of cadre {cadre_id}")
    return {**proof, "served_entry": served}


@records.get("/cadres/{cadre_id}/cases", openapi_extra=READ_RECORD)
def list_cadre_cases(cadre_id: str, parts: PartsDep, gate: GateDep) -> list[str]:
    """The ids of the cases on a cadre's record."""
    gate.check(_cadre(parts, cadre_id))
    return [s["case_id"] for s in parts.read_model.case_states() if s["cadre_id"] == cadre_id]


# One router holding every route itself (not nested routers), so the host sees each route's
# declared action family.
router = APIRouter(routes=[*records.routes, *access_log_router.routes, *integrity_router.routes,
                           *filing_router.routes, *compliance_router.routes])
