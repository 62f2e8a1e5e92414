"""HTTP API of the audit service: the documentary record of cadres and cases, read-only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from services.audit.api_compliance import router as compliance_router
from services.audit.api_filing import router as filing_router
from services.audit.api_integrity import router as integrity_router
from services.audit.supervision import AppDep, PartsDep, RuntimeDep, SupervisorDep, admit

router = APIRouter(tags=["audit"])
AsOf = Annotated[datetime | None, Query(description="The record as it stood at this moment")]


class TimelinePublic(BaseModel):
    cadre_id: str
    as_of: datetime | None
    entries: list[dict[str, Any]]


class CaseTimelinePublic(BaseModel):
    case_id: str
    cadre_id: str
    as_of: datetime | None
    entries: list[dict[str, Any]]


@router.get("/cadres/{cadre_id}/timeline")
def get_timeline(cadre_id: str, app: AppDep, runtime: RuntimeDep, parts: PartsDep,
                 supervisor: SupervisorDep, as_of: AsOf = None) -> TimelinePublic:
    """A cadre's full record in the order received, or as it stood at `as_of`."""
    entries = app.timeline(cadre_id, as_of)
    admit(supervisor, runtime, parts, f"cadre {cadre_id} timeline as of {as_of or 'now'}",
          parts.read_model.units_of_cadre(cadre_id))
    return TimelinePublic(cadre_id=cadre_id, as_of=as_of, entries=entries)


@router.get("/cases/{case_id}/timeline")
def get_case_timeline(case_id: str, app: AppDep, runtime: RuntimeDep, parts: PartsDep,
                      supervisor: SupervisorDep, as_of: AsOf = None) -> CaseTimelinePublic:
    """A case's record, identification stage, appeals and corrections included."""
    case = app.case_file(case_id)
    admit(supervisor, runtime, parts, f"case {case_id} timeline as of {as_of or 'now'}",
          parts.read_model.units_of_cadre(case.cadre_id))
    return CaseTimelinePublic(case_id=case_id, cadre_id=case.cadre_id, as_of=as_of,
                              entries=case.timeline(as_of))


@router.get("/cases/{case_id}")
def get_case_state(case_id: str, app: AppDep, runtime: RuntimeDep, parts: PartsDep,
                   supervisor: SupervisorDep, as_of: AsOf = None) -> dict[str, Any]:
    """The case as it stood at `as_of`: who handled it and the five IM 32 fields."""
    case = app.case_file(case_id)
    admit(supervisor, runtime, parts, f"case {case_id} state as of {as_of or 'now'}",
          parts.read_model.units_of_cadre(case.cadre_id))
    return case.state(as_of)


@router.get("/cadres/{cadre_id}/cases")
def list_cadre_cases(cadre_id: str, parts: PartsDep, runtime: RuntimeDep,
                     supervisor: SupervisorDep) -> list[str]:
    """The ids of the cases on a cadre's record."""
    admit(supervisor, runtime, parts, f"cadre {cadre_id} cases", parts.read_model.units_of_cadre(cadre_id))
    return [s["case_id"] for s in parts.read_model.case_states() if s["cadre_id"] == cadre_id]


@router.get("/supervisor-reads")
def list_supervisor_reads(parts: PartsDep, runtime: RuntimeDep,
                          supervisor: SupervisorDep) -> list[dict[str, Any]]:
    """Every recorded supervisor read (who, from which unit, what, when, why), beneath the reader."""
    reads = parts.read_model.supervisor_reads()
    admit(supervisor, runtime, parts, "supervisor reads", [supervisor.unit] if supervisor else [])
    if supervisor is None:
        return reads
    return [r for r in reads if parts.org_tree.may_read(supervisor.unit, [r["reader_unit"]])]


router.include_router(integrity_router)
router.include_router(filing_router)
router.include_router(compliance_router)
