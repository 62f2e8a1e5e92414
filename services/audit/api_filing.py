"""HTTP API of the annual filing (纪实报备, IM 32): the report as JSON and printable HTML,
submission to the upper level, and its acknowledgement."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from services.audit.adapters.filing_html import render_filing
from services.audit.bootstrap import AuditParts
from services.audit.domain.filing_report import filing_report
from services.audit.supervision import AppDep, PartsDep, RuntimeDep, Supervisor, SupervisorDep, admit
from shared.service_host import ServiceRuntime

router = APIRouter(prefix="/filings", tags=["filing"])
Year = Annotated[int, Path(ge=2000, le=2100)]


class SubmissionCreate(BaseModel):
    submitted_by: str = Field(min_length=1)
    submitted_on: date | None = Field(default=None, description="defaults to the service's today")


class AcknowledgementCreate(BaseModel):
    acknowledged_by: str = Field(min_length=1, description="the upper-level organisation department")
    acknowledged_on: date | None = None


def _report(parts: AuditParts, org_dept: str, year: int) -> dict[str, Any]:
    return filing_report(org_dept, year, parts.read_model.case_states())


def _admit(supervisor: Supervisor | None, runtime: ServiceRuntime, parts: AuditParts, org_dept: str,
           year: int) -> None:
    admit(supervisor, runtime, parts, f"filing {org_dept} {year}", [org_dept])


@router.get("/{org_dept}/{year}")
def get_filing(org_dept: str, year: Year, app: AppDep, parts: PartsDep, runtime: RuntimeDep,
               supervisor: SupervisorDep) -> dict[str, Any]:
    """The year's filing report of every adjustment with the five IM 32 fields, and its status."""
    _admit(supervisor, runtime, parts, org_dept, year)
    status = app.filing(org_dept, year).status(runtime.clock.today())
    return {**_report(parts, org_dept, year), "status": status}


@router.get("/{org_dept}/{year}/print", response_class=HTMLResponse)
def print_filing(org_dept: str, year: Year, app: AppDep, parts: PartsDep, runtime: RuntimeDep,
                 supervisor: SupervisorDep) -> HTMLResponse:
    """The filing report as a printable page in Chinese."""
    _admit(supervisor, runtime, parts, org_dept, year)
    status = app.filing(org_dept, year).status(runtime.clock.today())
    return HTMLResponse(render_filing(_report(parts, org_dept, year), status))


@router.post("/{org_dept}/{year}/submission")
def submit_filing(org_dept: str, year: Year, body: SubmissionCreate, app: AppDep, parts: PartsDep,
                  runtime: RuntimeDep) -> dict[str, Any]:
    """Record that the department filed the year's record with the upper level (late if after 31 Jan)."""
    report = _report(parts, org_dept, year)
    filing = app.submit_filing(org_dept, year, body.submitted_by, body.submitted_on or runtime.clock.today(),
                               report["adjustments"], report["digest"])
    return filing.status(runtime.clock.today())


@router.post("/{org_dept}/{year}/acknowledgement")
def acknowledge_filing(org_dept: str, year: Year, body: AcknowledgementCreate, app: AppDep,
                       runtime: RuntimeDep) -> dict[str, Any]:
    """Record the upper level's acknowledgement of the filing."""
    filing = app.acknowledge_filing(org_dept, year, body.acknowledged_by,
                                    body.acknowledged_on or runtime.clock.today())
    return filing.status(runtime.clock.today())
