"""HTTP API of the adjustment service: the five steps, each its own command."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.procedure import next_step


def get_app(request: Request) -> AdjustmentCases:
    app: AdjustmentCases = request.app.state.application
    return app


AppDep = Annotated[AdjustmentCases, Depends(get_app)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class ProposalCreate(BaseModel):
    """Step 2 (IM 17): reason, method, destination, and the collective study behind it."""

    method: Text
    reason: Text
    destination_post: Text
    new_rank: Text
    nature: Literal["punitive", "considerate"]
    study_meeting: Text
    participants: list[Text] = Field(min_length=1)
    record_and_attitude: Text = Field(description="consistent performance, admission, correction")
    proposed_by: Text
    proposed_on: date


class DecisionCreate(BaseModel):
    """Step 3 (IM 18): the committee meeting that decided."""

    meeting_date: date
    attendees: list[Text] = Field(min_length=1)
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    consensus: bool = False
    opinions_heard: list[Text] = Field(default_factory=list)
    co_managing_consulted: bool = False
    recorded_by: Text


class TalkCreate(BaseModel):
    """Step 4 (IM 19-20): the decision talk."""

    talker: Text
    talker_position: Literal[
        "upper_committee_leader", "upper_org_dept_head", "upper_org_dept_leader",
        "same_level_committee_head_delegated", "unit_committee_leader", "unit_org_dept_head",
    ]
    talk_date: date
    summary: Text
    cadre_response: Text


class FormalitiesCreate(BaseModel):
    """Step 5 (IM 21): appointment and removal executed."""

    effective_on: date
    removal_document: Text
    appointment_document: Text | None = None
    elected_post: bool = False
    recorded_by: Text


class CasePublic(BaseModel):
    case_id: UUID
    concern_id: str
    cadre: dict[str, Any]
    authority: dict[str, Any]
    steps_done: list[str]
    next_step: str | None
    proposal: dict[str, Any] | None
    decision: dict[str, Any] | None
    talk: dict[str, Any] | None
    formalities: dict[str, Any] | None
    version: int


def case_public(case: AdjustmentCase) -> CasePublic:
    return CasePublic(
        case_id=case.id, concern_id=case.concern_id, cadre=case.cadre, authority=case.authority,
        steps_done=case.steps_done, next_step=next_step(case.steps_done), proposal=case.proposal,
        decision=case.decision, talk=case.talk, formalities=case.formalities,
        version=case.version,
    )


def _plain(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


router = APIRouter(prefix="/cases", tags=["adjustment"])


@router.get("/{case_id}")
def get_case(case_id: UUID, app: AppDep) -> CasePublic:
    """One adjustment case with every step recorded so far."""
    return case_public(app.get_case(case_id))


@router.post("/{case_id}/proposal")
def create_proposal(case_id: UUID, body: ProposalCreate, app: AppDep) -> CasePublic:
    """Record step 2, the proposal."""
    return case_public(app.propose(case_id, _plain(body)))


@router.post("/{case_id}/decision")
def create_decision(case_id: UUID, body: DecisionCreate, app: AppDep) -> CasePublic:
    """Record step 3, the committee's decision."""
    return case_public(app.decide(case_id, _plain(body)))


@router.post("/{case_id}/talk")
def create_talk(case_id: UUID, body: TalkCreate, app: AppDep) -> CasePublic:
    """Record step 4, the decision talk."""
    return case_public(app.hold_talk(case_id, _plain(body)))


@router.post("/{case_id}/formalities")
def create_formalities(case_id: UUID, body: FormalitiesCreate, app: AppDep) -> CasePublic:
    """Record step 5, the executed appointment and removal."""
    data = _plain(body)
    effective_on = body.effective_on
    data.pop("effective_on")
    return case_public(app.complete_formalities(case_id, data, effective_on))
