"""Fault tolerance over HTTP (SPEC §4.5; WY-FT 8, LG-FT 6 and 10)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.identification.domain.fault_tolerance import FaultToleranceApplication
from services.identification.routes import authority
from services.identification.routes.deps import AppDep
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action, Target
from shared.contract import events as contract

router = APIRouter(prefix="/fault-tolerance/applications", tags=["fault tolerance"])
STEP, DECISION = access(Action.ACT_ON_CASE), access(Action.DECIDE)


class ApplicationCreate(BaseModel):
    cadre: contract.CadreRef
    managing_unit: str = Field(min_length=1)
    matter_ref: str = Field(min_length=1, description="the accountability matter")
    grounds: str = Field(min_length=1, description="which tolerable case (LG-FT 5, WY-FT 7)")
    citation: contract.Citation = Field(description="the circumstance accountability is about")
    accountability_started_on: date
    applied_on: date


class StepBody(ActedFor):
    by: RecordedBy = None
    on: date


class ReportBody(StepBody):
    summary: str = Field(min_length=1)


class DecisionBody(StepBody):
    outcome: Literal["granted", "refused"]
    reasons: str = Field(min_length=1)


class DeferralBody(StepBody):
    reason: str = Field(min_length=1)


class FilingBody(StepBody):
    filed_with: list[str] = Field(min_length=1)


class RevocationBody(StepBody):
    reason: str = Field(min_length=1)
    fraudulent: bool


def application_public(a: FaultToleranceApplication) -> dict[str, Any]:
    return {
        "application_id": str(a.id), "cadre_id": a.cadre_id, "matter_ref": a.matter_ref,
        "status": a.status, "handled_by": a.handled_by, "clocks": a.clocks, "steps": a.steps,
        "refusal_reply_due": a.refusal_reply_due, "applied_on": a.applied_on.isoformat(),
        "pack_id": a.pack_id, "pack_version": a.pack_version,
    }


def on_application(app: AppDep, gate: Gate, application_id: UUID) -> None:
    gate.check(authority.of_application(app.get_application(application_id)))


def _advance(app: AppDep, gate: Gate, application_id: UUID, step: str, body: StepBody) -> dict[str, Any]:
    """One step, recorded as done by the authenticated principal (`by` may only name them)."""
    acting = gate.acting.attribute(body, ("by",))
    return application_public(app.advance_application(application_id, step, acting, **body.fields()))


@router.post("", status_code=201, openapi_extra=access(Action.LODGE))
def apply_for_tolerance(body: ApplicationCreate, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Apply for fault tolerance after accountability has started: the cadre for themselves, or
    an officer of the managing unit registering an application made on paper."""
    gate.check(Target.of_cadre(body.cadre.cadre_id, body.managing_unit, None, body.cadre.unit_id))
    application = app.apply_for_tolerance(
        acting=gate.acting, cadre=body.cadre.model_dump(), managing_unit=body.managing_unit,
        matter_ref=body.matter_ref, grounds=body.grounds, citation=body.citation.model_dump(),
        accountability_started_on=body.accountability_started_on, applied_on=body.applied_on,
    )
    return application_public(application)


@router.get("/{application_id}", openapi_extra=access(Action.READ_CASE))
def get_application(application_id: UUID, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The application with its steps and clocks (last day on time, met or missed)."""
    application = app.get_application(application_id)
    gate.check(authority.of_application(application))
    return application_public(application)


@router.post("/{application_id}/acceptance", openapi_extra=STEP)
def accept_application(application_id: UUID, body: StepBody, app: AppDep,
                       gate: GateDep) -> dict[str, Any]:
    """Accept it: the investigation report is due within the pack's clock (WY-FT 8(2): 15
    working days)."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "accept", body)


@router.post("/{application_id}/investigation-report", openapi_extra=STEP)
def submit_report(application_id: UUID, body: ReportBody, app: AppDep,
                  gate: GateDep) -> dict[str, Any]:
    """The written report ends verification: the determination's clock starts (WY-FT 8(3): 30
    working days)."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "report", body)


@router.post("/{application_id}/hearing", openapi_extra=STEP)
def hold_hearing(application_id: UUID, body: ReportBody, app: AppDep,
                 gate: GateDep) -> dict[str, Any]:
    """A hearing approved by the same-level committee, for complex or disputed cases."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "hearing", body)


@router.post("/{application_id}/determination", openapi_extra=DECISION)
def decide_application(application_id: UUID, body: DecisionBody, app: AppDep,
                       gate: GateDep) -> dict[str, Any]:
    """Grant or refuse; the feedback clock starts (WY-FT 8(5): 3 working days)."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "decide", body)


@router.post("/{application_id}/deferral", openapi_extra=STEP)
def defer_application(application_id: UUID, body: DeferralBody, app: AppDep,
                      gate: GateDep) -> dict[str, Any]:
    """Defer a case that cannot yet be decided: usually at most 3 months (WY-FT 8(4))."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "defer", body)


@router.post("/{application_id}/feedback", openapi_extra=STEP)
def give_feedback(application_id: UUID, body: StepBody, app: AppDep,
                  gate: GateDep) -> dict[str, Any]:
    """The result was fed back to the applicant."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "feedback", body)


@router.post("/{application_id}/filing", openapi_extra=STEP)
def file_result(application_id: UUID, body: FilingBody, app: AppDep,
                gate: GateDep) -> dict[str, Any]:
    """The result was filed with the committee and the upper departments (WY-FT 8(6))."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "file", body)


@router.post("/{application_id}/revocation", openapi_extra=DECISION)
def revoke_grant(application_id: UUID, body: RevocationBody, app: AppDep,
                 gate: GateDep) -> dict[str, Any]:
    """Revoke a grant; a fraudulent application re-opens accountability (LG-FT 10)."""
    on_application(app, gate, application_id)
    return _advance(app, gate, application_id, "revoke", body)
