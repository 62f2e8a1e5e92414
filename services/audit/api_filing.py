"""HTTP API of the annual filing (纪实报备, IM 32): the report as JSON and printable HTML,
submission to the upper level, and its acknowledgement. A filing is the organisation department's
own business: prepared and submitted there (read by supervisors above it), acknowledged above it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from pydantic import Field

from services.audit import targets
from services.audit.adapters.filing_html import render_filing
from services.audit.api_deps import AppDep, PartsDep, RuntimeDep
from services.audit.bootstrap import AuditParts
from services.audit.domain.filing_report import filing_report
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import GateDep, access
from shared.access.policy import Action

router = APIRouter(prefix="/filings", tags=["filing"])
Year = Annotated[int, Path(ge=2000, le=2100)]
READ, PREPARE = access(Action.READ_FILING), access(Action.PREPARE_FILING)
ACKNOWLEDGE = access(Action.ACKNOWLEDGE_FILING)


class SubmissionCreate(ActedFor):
    submitted_by: RecordedBy = None
    submitted_on: date | None = Field(default=None, description="defaults to the service's today")


class AcknowledgementCreate(ActedFor):
    acknowledged_by: RecordedBy = None
    acknowledged_on: date | None = None


def _report(parts: AuditParts, org_dept: str, year: int) -> dict[str, Any]:
    """The report, with the audit log's latest signed checkpoint: the filing hands the upper level
    a copy of it that the audit database cannot rewrite (`cadre verify-proof` checks proofs
    against it)."""
    head = parts.sealer.latest()
    report = filing_report(org_dept, year, parts.read_model.case_states())
    return {**report, "checkpoint": head.public() if head else None}


@router.get("/{org_dept}/{year}", openapi_extra=READ)
def get_filing(org_dept: str, year: Year, app: AppDep, parts: PartsDep, runtime: RuntimeDep,
               gate: GateDep) -> dict[str, Any]:
    """The year's filing report of every adjustment with the five IM 32 fields, and its status."""
    gate.check(targets.of_filing(org_dept))
    status = app.filing(org_dept, year).status(runtime.clock.today())
    return {**_report(parts, org_dept, year), "status": status}


@router.get("/{org_dept}/{year}/print", response_class=HTMLResponse, openapi_extra=READ)
def print_filing(org_dept: str, year: Year, app: AppDep, parts: PartsDep, runtime: RuntimeDep,
                 gate: GateDep) -> HTMLResponse:
    """The filing report as a printable page in Chinese."""
    gate.check(targets.of_filing(org_dept))
    status = app.filing(org_dept, year).status(runtime.clock.today())
    return HTMLResponse(render_filing(_report(parts, org_dept, year), status))


@router.post("/{org_dept}/{year}/submission", openapi_extra=PREPARE)
def submit_filing(org_dept: str, year: Year, body: SubmissionCreate, app: AppDep, parts: PartsDep,
                  runtime: RuntimeDep, gate: GateDep) -> dict[str, Any]:
    """Record that the department filed the year's record with the upper level (late if after 31 Jan)."""
    gate.check(targets.of_filing(org_dept))
    acting = gate.acting.attribute(body)
    report = _report(parts, org_dept, year)
    filing = app.submit_filing(org_dept, year, str(body.submitted_by),
                               body.submitted_on or runtime.clock.today(), report["adjustments"],
                               report["digest"], acting=acting, checkpoint=report["checkpoint"])
    return filing.status(runtime.clock.today())


@router.post("/{org_dept}/{year}/acknowledgement", openapi_extra=ACKNOWLEDGE)
def acknowledge_filing(org_dept: str, year: Year, body: AcknowledgementCreate, app: AppDep,
                       runtime: RuntimeDep, gate: GateDep) -> dict[str, Any]:
    """Record the upper level's acknowledgement of the filing."""
    gate.check(targets.of_filing(org_dept))
    acting = gate.acting.attribute(body)
    filing = app.acknowledge_filing(org_dept, year, str(body.acknowledged_by),
                                    body.acknowledged_on or runtime.clock.today(), acting=acting)
    return filing.status(runtime.clock.today())
