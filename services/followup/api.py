"""HTTP API of the follow-up service: plans, what officers record on them, the promotion check."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.followup.application import FollowUpPlans
from services.followup.plan_document import plan_document


def get_app(request: Request) -> FollowUpPlans:
    app: FollowUpPlans = request.app.state.application
    return app


AppDep = Annotated[FollowUpPlans, Depends(get_app)]
Text = Annotated[str, Field(min_length=1)]
router = APIRouter(tags=["followup"])


class ItemRecord(BaseModel):
    kind: Literal["care_talk", "training", "recheck", "assessment"]
    by: Text
    on: date
    note: str = ""
    grade: str | None = Field(default=None, description="assessments only: a grade of the pack")


class ItemSchedule(BaseModel):
    kind: Literal["training", "assessment"]
    due_on: date
    note: str = ""


class GoalsRecord(BaseModel):
    goals: list[Text] = Field(min_length=1)
    by: Text
    on: date


class ProblemReport(BaseModel):
    problem: Text
    reported_by: Text
    reported_on: date


class UpperConsultation(BaseModel):
    department: Text
    consulted_on: date
    opinion: Text
    recorded_by: Text


class ReinstatementDecision(BaseModel):
    decision: Literal["reinstated", "promoted", "declined"]
    decided_by: Text
    decided_on: date


class OwnRequest(BaseModel):
    reason: Literal["health", "family", "work_ability"]
    recorded_by: Text
    on: date


class OwnRequestResolution(BaseModel):
    recorded_by: Text
    on: date


class EarlyRetirement(BaseModel):
    on: date
    personal_reasons: bool = Field(description="LG 13: personal (non-health) reasons")
    recorded_by: Text


class PromotionAnswer(BaseModel):
    cadre_id: str
    on: date
    above_level: str | None
    allowed: bool
    reasons: list[str]


@router.get("/plans")
def list_plans(app: AppDep, cadre_id: Annotated[str, Query(min_length=1)]) -> list[dict[str, Any]]:
    """A cadre's follow-up plans."""
    return [plan_document(plan) for plan in app.plans_of(cadre_id)]


@router.get("/plans/{plan_id}")
def get_plan(plan_id: UUID, app: AppDep) -> dict[str, Any]:
    """One follow-up plan with its impact period, schedule, record and eligibility."""
    return plan_document(app.get_plan(plan_id))


@router.post("/plans/{plan_id}/items")
def record_item(plan_id: UUID, body: ItemRecord, app: AppDep) -> dict[str, Any]:
    """Record a care talk, training, re-check or assessment with who and when."""
    plan = app.update_plan(
        plan_id, lambda p: p.record_item(body.kind, body.by, body.on, body.note, body.grade)
    )
    return plan_document(plan)


@router.post("/plans/{plan_id}/schedule")
def schedule_item(plan_id: UUID, body: ItemSchedule, app: AppDep) -> dict[str, Any]:
    """Plan a targeted training or a post-adjustment assessment by a due day."""
    return plan_document(
        app.update_plan(plan_id, lambda p: p.schedule_item(body.kind, body.due_on, body.note))
    )


@router.post("/plans/{plan_id}/goals")
def set_goals(plan_id: UUID, body: GoalsRecord, app: AppDep) -> dict[str, Any]:
    """Set the cadre's goals and key tasks (WY 17)."""
    return plan_document(app.update_plan(plan_id, lambda p: p.set_goals(body.goals, body.by, body.on)))


@router.post("/plans/{plan_id}/problems")
def report_problem(plan_id: UUID, body: ProblemReport, app: AppDep) -> dict[str, Any]:
    """Report a problem found in follow-up; identification opens or joins a concern (IM 30)."""
    return plan_document(app.update_plan(
        plan_id, lambda p: p.report_problem(body.problem, body.reported_by, body.reported_on)
    ))


@router.post("/plans/{plan_id}/upper-consultation")
def consult_upper(plan_id: UUID, body: UpperConsultation, app: AppDep) -> dict[str, Any]:
    """Record the upper-level organisation department's opinion (WY 16)."""
    return plan_document(app.update_plan(plan_id, lambda p: p.consult_upper(
        body.department, body.consulted_on, body.opinion, body.recorded_by
    )))


@router.post("/plans/{plan_id}/reinstatement-decision")
def decide_reinstatement(plan_id: UUID, body: ReinstatementDecision, app: AppDep) -> dict[str, Any]:
    """Record the decision to reinstate, promote or decline after eligibility (LG 15; WY 16)."""
    return plan_document(app.update_plan(plan_id, lambda p: p.decide_reinstatement(
        body.decision, body.decided_by, body.decided_on
    )))


@router.post("/plans/{plan_id}/own-request")
def note_own_request(plan_id: UUID, body: OwnRequest, app: AppDep) -> dict[str, Any]:
    """Record that the cadre stepped down at their own request (WY 18)."""
    return plan_document(
        app.update_plan(plan_id, lambda p: p.note_own_request(body.reason, body.recorded_by, body.on))
    )


@router.post("/plans/{plan_id}/own-request/resolution")
def resolve_own_request(plan_id: UUID, body: OwnRequestResolution, app: AppDep) -> dict[str, Any]:
    """Record that the health or family reason is resolved; eligibility follows (WY 18)."""
    return plan_document(
        app.update_plan(plan_id, lambda p: p.resolve_own_request(body.recorded_by, body.on))
    )


@router.post("/plans/{plan_id}/early-retirement")
def retire_early(plan_id: UUID, body: EarlyRetirement, app: AppDep) -> dict[str, Any]:
    """Record early retirement; for personal reasons the former post's benefits are lost (LG 13)."""
    return plan_document(app.update_plan(
        plan_id, lambda p: p.retire_early(body.on, body.personal_reasons, body.recorded_by)
    ))


@router.get("/promotion-check")
def check_promotion(
    app: AppDep,
    cadre_id: Annotated[str, Query(min_length=1)],
    on: date,
    above_level: Annotated[str | None, Query(min_length=1)] = None,
) -> PromotionAnswer:
    """May the cadre be promoted, or appointed above `above_level`, on `on`? Every reason given."""
    allowed, reasons = app.promotion_check(cadre_id, on, above_level)
    return PromotionAnswer(cadre_id=cadre_id, on=on, above_level=above_level, allowed=allowed,
                           reasons=reasons)
