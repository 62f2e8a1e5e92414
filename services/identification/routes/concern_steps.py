"""Steps on a concern between signal and determination (IM 14, 16; seed 002)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.identification.routes import authority
from services.identification.routes.deps import AppDep
from services.identification.routes.signals import ConcernPublic, concern_public
from shared.access.acting import RECORDER_FIELDS, ActedFor, RecordedBy
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action
from shared.contract.identification_events import EarlySignKind

router = APIRouter(prefix="/concerns/{concern_id}", tags=["concern steps"])
STEP = access(Action.ACT_ON_CASE)


class AssignmentCreate(ActedFor):
    officer: str = Field(min_length=1)
    assigned_on: date


class MeasureCreate(ActedFor):
    measure: EarlySignKind
    taken_by: RecordedBy = None
    taken_on: date
    content: str = Field(min_length=1)


class ObservationCreate(ActedFor):
    deadline: date = Field(description="last day of the observation period")
    set_by: RecordedBy = None
    set_on: date


class ImprovementCreate(ActedFor):
    noted_by: RecordedBy = None
    noted_on: date
    summary: str = Field(min_length=1)


class Interview(BaseModel):
    person: str = Field(min_length=1)
    on: date
    summary: str = Field(min_length=1)


class VerificationCreate(ActedFor):
    evidence_refs: list[str] = Field(default_factory=list)
    interviews: list[Interview] = Field(default_factory=list)
    verified_by: RecordedBy = None
    verified_on: date
    summary: str = Field(min_length=1)


class WithdrawalCreate(ActedFor):
    reason: str = Field(min_length=1)
    withdrawn_by: RecordedBy = None
    withdrawn_on: date


def on_case(app: AppDep, gate: Gate, concern_id: UUID) -> None:
    """Officers act only on concerns about cadres their unit manages or co-manages."""
    gate.check(authority.of_concern(app.get_concern(concern_id)))


@router.post("/assignment", openapi_extra=STEP)
def assign_concern(concern_id: UUID, body: AssignmentCreate, app: AppDep, gate: GateDep) -> ConcernPublic:
    """Give the concern to a case officer."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body)
    return concern_public(app.assign(concern_id, body.officer, body.assigned_on, acting=acting))


@router.post("/measures", status_code=201, openapi_extra=STEP)
def take_measure(concern_id: UUID, body: MeasureCreate, app: AppDep, gate: GateDep) -> ConcernPublic:
    """Record an early-sign measure: reminder, talk, letter of inquiry, … admonishment (IM 14)."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body)
    return concern_public(app.take_measure(concern_id, **body.fields(), acting=acting))


@router.post("/observation", status_code=201, openapi_extra=STEP)
def set_observation(concern_id: UUID, body: ObservationCreate, app: AppDep, gate: GateDep) -> ConcernPublic:
    """Set an observation period; without improvement by its end the concern goes to determination."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body)
    return concern_public(app.set_observation(concern_id, **body.fields(), acting=acting))


@router.post("/observation/improvement", openapi_extra=STEP)
def note_improvement(concern_id: UUID, body: ImprovementCreate, app: AppDep, gate: GateDep) -> ConcernPublic:
    """Record that the cadre improved during the observation period."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body)
    return concern_public(app.note_improvement(concern_id, **body.fields(), acting=acting))


@router.post("/verification", status_code=201, openapi_extra=STEP)
def verify_concern(concern_id: UUID, body: VerificationCreate, app: AppDep, gate: GateDep) -> ConcernPublic:
    """Record verification: evidence and interviews (IM 16)."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body)
    return concern_public(app.verify(
        concern_id, evidence_refs=body.evidence_refs,
        interviews=[i.model_dump(mode="json") for i in body.interviews],
        verified_by=str(body.verified_by), verified_on=body.verified_on, summary=body.summary,
        acting=acting,
    ))


@router.post("/determination/withdrawal", openapi_extra=access(Action.DECIDE))
def withdraw_determination(concern_id: UUID, body: WithdrawalCreate, app: AppDep,
                           gate: GateDep) -> ConcernPublic:
    """Withdraw a mis-made determination of unsuitability: its case closes, the concern reopens;
    both stay on the record."""
    on_case(app, gate, concern_id)
    acting = gate.acting.attribute(body, (*RECORDER_FIELDS, "withdrawn_by"))
    return concern_public(app.withdraw_determination(concern_id, **body.fields(), acting=acting))
