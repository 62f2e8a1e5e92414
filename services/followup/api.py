"""HTTP API of the follow-up service: plans, what is recorded on them, the promotion check.

Each route declares its action family (SPEC §8) and checks the plan's authority before acting:
officers record the follow-up steps (act_on_case), the committee's secretary its decisions
(decide), the cadre (or an officer registering it) lodges a step-down at their own request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from services.followup.api_bodies import (
    EarlyRetirement,
    GoalsRecord,
    ItemRecord,
    ItemSchedule,
    OwnRequest,
    OwnRequestResolution,
    ProblemReport,
    PromotionAnswer,
    ReinstatementDecision,
    UpperConsultation,
)
from services.followup.application import FollowUpPlans
from services.followup.domain.plan import FollowUpPlan
from services.followup.plan_access import cadre_target, plan_target
from services.followup.plan_document import plan_document
from shared.access.acting import ActedFor
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.listing import PageQuery, SizeQuery, paged


def get_app(request: Request) -> FollowUpPlans:
    app: FollowUpPlans = request.app.state.application
    return app


AppDep = Annotated[FollowUpPlans, Depends(get_app)]
router = APIRouter(tags=["followup"])


def _record(app: FollowUpPlans, gate: GateDep, plan_id: UUID, body: ActedFor,
            command: Callable[[FollowUpPlan], None]) -> dict[str, Any]:
    """Admit the caller on the plan, then record the command in the authenticated principal's
    name (a recorder field in the body may only name them; it is filled with them when empty)."""
    acting = gate.acting.attribute(body)
    plan = app.update_plan(plan_id, command, admit=lambda p: gate.check(plan_target(p)), acting=acting)
    return plan_document(plan)


PlanState = Literal["open", "eligible", "ended"]


def _state(plan: FollowUpPlan) -> str:
    return "ended" if plan.ended_on else "eligible" if plan.eligible_on else "open"


@router.get("/plans", openapi_extra=access(Action.READ_CASE))
def list_plans(
    app: AppDep, gate: GateDep, response: Response,
    cadre_id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    state: PlanState | None = None,
    due_by: Annotated[date | None, Query(description="next item or eligibility due on or before")] = None,
    sort: Literal["effective_on", "-effective_on", "next_due_on", "cadre_id"] = "effective_on",
    page: PageQuery = 1, size: SizeQuery = 200,
) -> list[dict[str, Any]]:
    """The follow-up plans within the caller's reach (a list is filtered, not refused), with or
    without a cadre id; the total count is in X-Total-Count."""
    reachable = [(plan_id, target) for plan_id, cadre, target in app.plan_list.all()
                 if (cadre_id is None or cadre == cadre_id) and gate.visible(target)]
    plans = [(app.get_plan(UUID(plan_id)), target) for plan_id, target in reachable]
    plans = [(p, t) for p, t in plans if (state is None or _state(p) == state)
             and (due_by is None or ((wake := p.next_wake_on()) is not None and wake <= due_by))]
    keys: dict[str, Any] = {
        "effective_on": lambda pt: (pt[0].effective_on, str(pt[0].id)),
        "next_due_on": lambda pt: (pt[0].next_wake_on() or date.max, str(pt[0].id)),
        "cadre_id": lambda pt: (pt[0].cadre_id, pt[0].effective_on)}
    shown = paged(plans, response, page, size, keys[sort.lstrip("-")], sort.startswith("-"))
    gate.listed([target for _, target in shown])
    return [plan_document(plan) for plan, _ in shown]


@router.get("/plans/{plan_id}", openapi_extra=access(Action.READ_CASE))
def get_plan(plan_id: UUID, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """One follow-up plan with its impact period, schedule, record and eligibility."""
    plan = app.get_plan(plan_id)
    gate.check(plan_target(plan))
    return plan_document(plan)


@router.post("/plans/{plan_id}/items", openapi_extra=access(Action.ACT_ON_CASE))
def record_item(plan_id: UUID, body: ItemRecord, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Record a care talk, training, re-check or assessment with who and when."""
    return _record(app, gate, plan_id, body, lambda p: p.record_item(body.kind, body.by, body.on, body.note,
                                                                body.grade))


@router.post("/plans/{plan_id}/schedule", openapi_extra=access(Action.ACT_ON_CASE))
def schedule_item(plan_id: UUID, body: ItemSchedule, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Plan a targeted training or a post-adjustment assessment by a due day."""
    return _record(app, gate, plan_id, body, lambda p: p.schedule_item(body.kind, body.due_on, body.note))


@router.post("/plans/{plan_id}/goals", openapi_extra=access(Action.ACT_ON_CASE))
def set_goals(plan_id: UUID, body: GoalsRecord, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Set the cadre's goals and key tasks (WY 17)."""
    return _record(app, gate, plan_id, body, lambda p: p.set_goals(body.goals, body.by, body.on))


@router.post("/plans/{plan_id}/problems", openapi_extra=access(Action.ACT_ON_CASE))
def report_problem(plan_id: UUID, body: ProblemReport, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Report a problem found in follow-up; identification opens or joins a concern (IM 30)."""
    return _record(app, gate, plan_id, body, lambda p: p.report_problem(body.problem, str(body.reported_by),
                                                                   body.reported_on))


@router.post("/plans/{plan_id}/upper-consultation", openapi_extra=access(Action.ACT_ON_CASE))
def consult_upper(plan_id: UUID, body: UpperConsultation, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Record the upper-level organisation department's opinion (WY 16)."""
    return _record(app, gate, plan_id, body, lambda p: p.consult_upper(
        body.department, body.consulted_on, body.opinion, str(body.recorded_by)
    ))


@router.post("/plans/{plan_id}/reinstatement-decision", openapi_extra=access(Action.DECIDE))
def decide_reinstatement(plan_id: UUID, body: ReinstatementDecision, app: AppDep,
                         gate: GateDep) -> dict[str, Any]:
    """Record the decision to reinstate, promote or decline after eligibility (LG 15; WY 16)."""
    return _record(app, gate, plan_id, body, lambda p: p.decide_reinstatement(
        body.decision, str(body.decided_by), body.decided_on,
        body.new_post.model_dump() if body.new_post else None,
    ))


@router.post("/plans/{plan_id}/own-request", openapi_extra=access(Action.LODGE))
def note_own_request(plan_id: UUID, body: OwnRequest, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Record that the cadre stepped down at their own request (WY 18): lodged by the cadre, or
    registered by an officer of the managing unit."""
    return _record(app, gate, plan_id, body,
                   lambda p: p.note_own_request(body.reason, str(body.recorded_by), body.on))


@router.post("/plans/{plan_id}/own-request/resolution", openapi_extra=access(Action.DECIDE))
def resolve_own_request(plan_id: UUID, body: OwnRequestResolution, app: AppDep,
                        gate: GateDep) -> dict[str, Any]:
    """Record that the health or family reason is resolved; eligibility follows (WY 18).

    A decision: it starts the return to the former level, so the cadre cannot declare it."""
    return _record(app, gate, plan_id, body, lambda p: p.resolve_own_request(str(body.recorded_by), body.on))


@router.post("/plans/{plan_id}/early-retirement", openapi_extra=access(Action.DECIDE))
def retire_early(plan_id: UUID, body: EarlyRetirement, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Record early retirement; for personal reasons the former post's benefits are lost (LG 13).

    A decision, not the cadre's application: it records the approved retirement, which ends the
    plan and settles the benefits."""
    return _record(app, gate, plan_id, body, lambda p: p.retire_early(body.on, body.personal_reasons,
                                                                 str(body.recorded_by)))


@router.get("/promotion-check", openapi_extra=access(Action.READ_CASE))
def check_promotion(
    app: AppDep,
    gate: GateDep,
    cadre_id: Annotated[str, Query(min_length=1)],
    on: date,
    above_level: Annotated[str | None, Query(min_length=1)] = None,
) -> PromotionAnswer:
    """May the cadre be promoted, or appointed above `above_level`, on `on`? Every reason given.

    Reached by the authority of the cadre's plans, and by the cadre themself."""
    gate.check(cadre_target(cadre_id, app.plans_of(cadre_id)))
    allowed, reasons = app.promotion_check(cadre_id, on, above_level)
    return PromotionAnswer(cadre_id=cadre_id, on=on, above_level=above_level, allowed=allowed,
                           reasons=reasons)
