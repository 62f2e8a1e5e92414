"""What the adjustment API takes and returns: the step records, the case and the case list."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from services.adjustment.adapters.case_index import CaseEntry
from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.procedure import STEPS, next_step
from shared.access.acting import ActedFor, RecordedBy

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Gravity = Literal["minor", "ordinary", "serious"]


class ProposalCreate(ActedFor):
    """Step 2 (IM 17): reason, method, destination, and the collective study behind it."""

    method: Text
    reason: Text
    destination_post: Text
    new_rank: Text
    nature: Literal["punitive", "considerate"]
    study_meeting: Text
    participants: list[Text] = Field(min_length=1)
    record_and_attitude: Text = Field(description="consistent performance, admission, correction")
    proposed_by: RecordedBy = None
    proposed_on: date
    gravity: Gravity = Field(default="ordinary", description="IM 24: for comparing like cases")
    destination_unit_id: Text | None = Field(
        default=None, description="unit whose post quota ledger the placement counts against (IM 25); "
        "the unit the cadre's post is in when none is named"
    )
    new_level: Text | None = Field(default=None, description="职务层次 of the destination post")


class DecisionCreate(ActedFor):
    """Step 3 (IM 18): the committee meeting that decided."""

    meeting_date: date
    attendees: list[Text] = Field(min_length=1)
    votes_for: int | None = Field(default=None, ge=0)
    votes_against: int | None = Field(default=None, ge=0)
    consensus: bool = False
    opinions_heard: list[Text] = Field(default_factory=list)
    co_managing_consulted: bool = False
    recorded_by: RecordedBy = None


class TalkCreate(ActedFor):
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


class FormalitiesCreate(ActedFor):
    """Step 5 (IM 21): appointment and removal executed."""

    effective_on: date
    removal_document: Text
    appointment_document: Text | None = None
    elected_post: bool = False
    recorded_by: RecordedBy = None
    over_quota_approval: OverQuotaApproval | None = None


class SalaryFormalitiesCreate(ActedFor):
    """IM 21: salary and benefits changed, due within one month of the adjustment."""

    completed_on: date
    recorded_by: RecordedBy = None


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
    signals: list[dict[str, str]] = Field(
        default_factory=list, description="the signals the case came from (source_system, signal_id)")
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
        circumstances=case.circumstances, signals=case.signals,
        steps=[StepPublic(key=s, name=names[s], done=s in case.steps_done) for s in STEPS],
        steps_done=case.steps_done, next_step=next_step(case.steps_done), proposal=case.proposal,
        decision=case.decision, talk=case.talk, formalities=case.formalities,
        salary_formalities=case.salary_formalities, formalities_overdue_on=case.formalities_overdue_on,
        version=case.version,
    )


class CaseSummary(BaseModel):
    """One line of the case list: who, under whose authority, and where the procedure stands."""

    case_id: UUID
    concern_id: str
    cadre: dict[str, Any]
    authority: dict[str, Any]
    determined_on: date
    steps_done: list[str]
    next_step: str | None
    appeal_ids: list[UUID]


def case_summary(entry: CaseEntry) -> CaseSummary:
    return CaseSummary(
        case_id=UUID(entry.case_id), concern_id=entry.concern_id, cadre=entry.cadre,
        authority=entry.authority, determined_on=date.fromisoformat(entry.determined_on),
        steps_done=list(entry.steps_done), next_step=entry.next_step,
        appeal_ids=[UUID(a) for a in entry.appeal_ids],
    )
