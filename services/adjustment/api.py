"""HTTP API of the adjustment service: the five steps, each its own command."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.procedure import STEPS, next_step


def get_app(request: Request) -> AdjustmentCases:
    app: AdjustmentCases = request.app.state.application
    return app


AppDep = Annotated[AdjustmentCases, Depends(get_app)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Gravity = Literal["minor", "ordinary", "serious"]


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
    gravity: Gravity = Field(default="ordinary", description="IM 24: for comparing like cases")
    destination_unit_id: Text | None = Field(
        default=None, description="unit whose post quota ledger the placement counts against (IM 25)"
    )


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


class OverQuotaApproval(BaseModel):
    """IM 25: both approvals, and the absorption deadline (default one year after placement)."""

    org_dept_approval: Text = Field(description="upper-level organisation department's approval")
    staffing_approval: Text = Field(description="staffing department's approval")
    absorb_by: date | None = None


class FormalitiesCreate(BaseModel):
    """Step 5 (IM 21): appointment and removal executed."""

    effective_on: date
    removal_document: Text
    appointment_document: Text | None = None
    elected_post: bool = False
    recorded_by: Text
    over_quota_approval: OverQuotaApproval | None = None


class SalaryFormalitiesCreate(BaseModel):
    """IM 21: salary and benefits changed, due within one month of the adjustment."""

    completed_on: date
    recorded_by: Text


class StepPublic(BaseModel):
    key: str
    name: str = Field(description="the jurisdiction's name for the step")
    done: bool


class CasePublic(BaseModel):
    case_id: UUID
    concern_id: str
    cadre: dict[str, Any]
    authority: dict[str, Any]
    circumstances: list[dict[str, str]]
    steps: list[StepPublic]
    steps_done: list[str]
    next_step: str | None
    proposal: dict[str, Any] | None
    decision: dict[str, Any] | None
    talk: dict[str, Any] | None
    formalities: dict[str, Any] | None
    salary_formalities: dict[str, Any] | None
    formalities_overdue_on: date | None
    version: int


def case_public(case: AdjustmentCase, app: AdjustmentCases) -> CasePublic:
    names = app.step_names(case.pack_id)
    return CasePublic(
        case_id=case.id, concern_id=case.concern_id, cadre=case.cadre, authority=case.authority,
        circumstances=case.circumstances,
        steps=[StepPublic(key=s, name=names[s], done=s in case.steps_done) for s in STEPS],
        steps_done=case.steps_done, next_step=next_step(case.steps_done), proposal=case.proposal,
        decision=case.decision, talk=case.talk, formalities=case.formalities,
        salary_formalities=case.salary_formalities, formalities_overdue_on=case.formalities_overdue_on,
        version=case.version,
    )


def _plain(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


router = APIRouter(prefix="/cases", tags=["adjustment"])


@router.get("/{case_id}")
def get_case(case_id: UUID, app: AppDep) -> CasePublic:
    """One adjustment case with every step recorded so far."""
    return case_public(app.get_case(case_id), app)


@router.post("/{case_id}/proposal")
def create_proposal(case_id: UUID, body: ProposalCreate, app: AppDep) -> CasePublic:
    """Record step 2, the proposal."""
    return case_public(app.propose(case_id, _plain(body)), app)


@router.post("/{case_id}/decision")
def create_decision(case_id: UUID, body: DecisionCreate, app: AppDep) -> CasePublic:
    """Record step 3, the committee's decision."""
    return case_public(app.decide(case_id, _plain(body)), app)


@router.post("/{case_id}/talk")
def create_talk(case_id: UUID, body: TalkCreate, app: AppDep) -> CasePublic:
    """Record step 4, the decision talk."""
    return case_public(app.hold_talk(case_id, _plain(body)), app)


@router.post("/{case_id}/formalities")
def create_formalities(case_id: UUID, body: FormalitiesCreate, app: AppDep) -> CasePublic:
    """Record step 5, the executed appointment and removal."""
    data = _plain(body)
    effective_on = body.effective_on
    data.pop("effective_on")
    return case_public(app.complete_formalities(case_id, data, effective_on), app)


@router.post("/{case_id}/salary-formalities")
def create_salary_formalities(case_id: UUID, body: SalaryFormalitiesCreate, app: AppDep) -> CasePublic:
    """Record that salary and benefits formalities were done (IM 21)."""
    return case_public(app.record_salary_formalities(case_id, body.completed_on, body.recorded_by), app)


@router.get("/{case_id}/comparable-cases")
def list_comparable_cases(
    case_id: UUID, app: AppDep, gravity: Annotated[Gravity | None, Query()] = None
) -> list[dict[str, Any]]:
    """Earlier decided cases with the same circumstance and gravity, and their methods (IM 24)."""
    return app.comparable_cases(case_id, gravity)


comparable_router = APIRouter(prefix="/comparable-cases", tags=["adjustment"])


@comparable_router.get("")
def list_comparable_cases_by_circumstance(
    app: AppDep, pack_id: str, article: str, gravity: Annotated[Gravity | None, Query()] = None
) -> dict[str, Any]:
    """Decided cases citing one circumstance of a jurisdiction's pack, with the methods chosen."""
    return app.comparable.comparable(pack_id, article, gravity)
