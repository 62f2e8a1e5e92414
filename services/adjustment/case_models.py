"""What the adjustment API takes and returns: the step records, the case and the case list."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from services.adjustment.adapters.case_index import CaseEntry
from services.adjustment.application import AdjustmentCases
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.corrections import MEETING_FIELDS
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


class ConsultationCreate(ActedFor):
    """IM 18: under dual management, the co-managing side's opinion before the decision."""

    co_managing_unit: Text = Field(description="the co-managing side consulted")
    consulted_person: Text = Field(description="who on the co-managing side gave the opinion")
    consulted_on: date
    opinion: Text
    recorded_by: RecordedBy = None


class DecisionCreate(ActedFor):
    """Step 3 (IM 18): the committee meeting that decided, with attendance and votes (CSR 30 or
    the pack's own rule: quorum of those present, majority of the members who should attend)."""

    meeting_date: date
    members_expected: int = Field(ge=1, description="应到会成员: members who should attend")
    present: int = Field(ge=0, description="到会成员: members present")
    votes_for: int = Field(ge=0)
    votes_against: int = Field(ge=0)
    abstaining: int = Field(ge=0, description="缓议 or no view stated")
    attendees: list[Text] = Field(default_factory=list, description="who attended, by name or post")
    opinions_heard: list[Text] = Field(default_factory=list)
    consultation: ConsultationCreate | None = Field(
        default=None, description="IM 18: the co-managing side's opinion, unless recorded before")
    recorded_by: RecordedBy = None


class TalkCreate(ActedFor):
    """Step 4 (IM 19-20): the decision talk; the talker's position is one the pack names."""

    talker: Text
    talker_position: Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z][a-z0-9_]*$",
                                          examples=["upper_org_dept_head"])]
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


def consultation_record(body: ConsultationCreate, gate: Any) -> dict[str, Any]:
    """The consultation as a fact, recorded by the authenticated principal with their unit
    (either side may record it)."""
    gate.acting.attribute(body)
    return {**body.fields(mode="json"), "recorded_by_unit": gate.principal.unit}


def decision_record(body: DecisionCreate, gate: Any) -> dict[str, Any]:
    """The decision as the case records it: the meeting's numbers together, the consultation
    (if given here) as a fact."""
    data = body.model_dump(mode="json", exclude={"consultation", "on_behalf_of"}, exclude_none=True)
    meeting = {key: data.pop(key) for key in MEETING_FIELDS}
    consultation = (consultation_record(body.consultation, gate)
                    if body.consultation is not None else None)
    return {**data, "meeting": meeting, "consultation": consultation}


class CorrectionCreate(ActedFor):
    """A mis-entered step corrected: what changes, why, by whom; the step is checked again."""

    step: Literal["propose", "decide", "talk", "formalities"]
    changes: dict[str, Any] = Field(min_length=1, description="field → corrected value")
    reason: Text
    corrected_by: RecordedBy = None


class ClosureCreate(ActedFor):
    """A case that cannot go on is closed by the committee, with the reason."""

    reason: Text
    closed_by: RecordedBy = None
    closed_on: date


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
    pack_version: int = Field(description="the pack version the case opened under and keeps")
    consultations: list[dict[str, Any]]
    corrections: list[dict[str, Any]] = Field(description="corrections of mis-entered steps")
    closed: dict[str, Any] | None
    version: int


def case_public(case: AdjustmentCase, app: AdjustmentCases) -> CasePublic:
    names = app.step_names(case.pack_id, case.pack_version)
    return CasePublic(
        case_id=case.id, concern_id=case.concern_id, cadre=case.cadre, authority=case.authority,
        circumstances=case.circumstances, signals=case.signals,
        steps=[StepPublic(key=s, name=names[s], done=s in case.steps_done) for s in STEPS],
        steps_done=case.steps_done, next_step=None if case.closed else next_step(case.steps_done),
        proposal=case.proposal,
        decision=case.decision, talk=case.talk, formalities=case.formalities,
        salary_formalities=case.salary_formalities, formalities_overdue_on=case.formalities_overdue_on,
        pack_version=case.pack_version, consultations=case.consultations, corrections=case.corrections,
        closed=case.closed, version=case.version,
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
    closed: bool = False


def case_summary(entry: CaseEntry) -> CaseSummary:
    return CaseSummary(
        case_id=UUID(entry.case_id), concern_id=entry.concern_id, cadre=entry.cadre,
        authority=entry.authority, determined_on=date.fromisoformat(entry.determined_on),
        steps_done=list(entry.steps_done), next_step=entry.next_step,
        appeal_ids=[UUID(a) for a in entry.appeal_ids], closed=entry.closed,
    )
