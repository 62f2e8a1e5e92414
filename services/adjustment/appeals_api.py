"""HTTP API for reviews and appeals (IM 22): lodged against a decision, decided on their own."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.adjustment.api import AppDep, Text
from services.adjustment.domain.appeal import Appeal


class AppealCreate(BaseModel):
    """A review (复核) or appeal (申诉); it does not suspend execution (IM 22)."""

    kind: Literal["review", "appeal"]
    lodged_by: Text
    lodged_on: date
    grounds: Text


class AppealDecisionCreate(BaseModel):
    """The outcome; modified or revoked is carried out as a correction (restored post, rank, pay)."""

    outcome: Literal["upheld", "modified", "revoked"]
    decided_on: date
    decided_by: Text
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


@router.post("/cases/{case_id}/appeals", status_code=201)
def create_appeal(case_id: UUID, body: AppealCreate, app: AppDep) -> AppealPublic:
    """Lodge a review or appeal against the case's decision; the case goes on regardless."""
    return appeal_public(app.lodge_appeal(case_id, **body.model_dump()))


@router.get("/appeals/{appeal_id}")
def get_appeal(appeal_id: UUID, app: AppDep) -> AppealPublic:
    """One review or appeal, with its outcome and correction."""
    return appeal_public(app.get_appeal(appeal_id))


@router.post("/appeals/{appeal_id}/decision")
def create_appeal_decision(appeal_id: UUID, body: AppealDecisionCreate, app: AppDep) -> AppealPublic:
    """Decide a review or appeal: upheld, modified or revoked."""
    return appeal_public(app.decide_appeal(appeal_id, body.model_dump()))
