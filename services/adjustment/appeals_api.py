"""HTTP API for reviews and appeals (IM 22): lodged against a decision, decided on their own."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.adjustment.api import AppDep
from services.adjustment.case_access import guarded_by
from services.adjustment.case_models import Text
from services.adjustment.domain.appeal import Appeal
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import GateDep, access
from shared.access.policy import Action


class AppealCreate(BaseModel):
    """A review (复核) or appeal (申诉); it does not suspend execution (IM 22)."""

    kind: Literal["review", "appeal"]
    lodged_by: Text
    lodged_on: date
    grounds: Text


class AppealDecisionCreate(ActedFor):
    """The outcome; modified or revoked is carried out as a correction (restored post, rank, pay)."""

    outcome: Literal["upheld", "modified", "revoked"]
    decided_on: date
    decided_by: RecordedBy = None
    reason: Text
    effective_on: date | None = Field(default=None, description="of the correction; default decided_on")
    restored_post: Text | None = Field(default=None, description="revoked: default the former post")
    restored_rank: Text | None = Field(default=None, description="revoked: default the former rank")
    restored_pay: Text | None = None
    new_method: Text | None = Field(default=None, description="modified: the method substituted")


class AppealPublic(BaseModel):
    appeal_id: UUID
    case_id: str
    cadre_id: str
    kind: str
    lodged_by: str
    lodged_on: date
    grounds: str
    terms: dict[str, Any]
    decision: dict[str, Any] | None
    correction: dict[str, Any] | None
    version: int


def appeal_public(appeal: Appeal) -> AppealPublic:
    return AppealPublic(
        appeal_id=appeal.id, case_id=appeal.case_id, cadre_id=appeal.cadre_id, kind=appeal.kind,
        lodged_by=appeal.lodged_by, lodged_on=appeal.lodged_on, grounds=appeal.grounds,
        terms=appeal.terms, decision=appeal.decision, correction=appeal.correction,
        version=appeal.version,
    )


router = APIRouter(tags=["appeals"])


@router.post("/cases/{case_id}/appeals", status_code=201, openapi_extra=access(Action.LODGE))
def create_appeal(case_id: UUID, body: AppealCreate, app: AppDep, gate: GateDep) -> AppealPublic:
    """Lodge a review or appeal against the case's decision; the case goes on regardless.

    The cadre lodges on their own case; an officer of the managing unit registers one lodged on paper.
    """
    return appeal_public(app.lodge_appeal(case_id, **body.model_dump(), guard=guarded_by(gate),
                                          acting=gate.acting))


@router.get("/cases/{case_id}/appeals", openapi_extra=access(Action.READ_CASE))
def list_case_appeals(case_id: UUID, app: AppDep, gate: GateDep) -> list[AppealPublic]:
    """Every review and appeal lodged against the case, in the order lodged."""
    return [appeal_public(appeal) for appeal in app.appeals_of(case_id, guarded_by(gate))]


@router.get("/appeals/{appeal_id}", openapi_extra=access(Action.READ_CASE))
def get_appeal(appeal_id: UUID, app: AppDep, gate: GateDep) -> AppealPublic:
    """One review or appeal, with its outcome and correction (under its case's authority)."""
    return appeal_public(app.get_appeal(appeal_id, guarded_by(gate)))


@router.post("/appeals/{appeal_id}/decision", openapi_extra=access(Action.DECIDE))
def create_appeal_decision(
    appeal_id: UUID, body: AppealDecisionCreate, app: AppDep, gate: GateDep
) -> AppealPublic:
    """Decide a review or appeal: upheld, modified or revoked."""
    acting = gate.acting.attribute(body)
    return appeal_public(app.decide_appeal(appeal_id, body.fields(), guarded_by(gate), acting))
