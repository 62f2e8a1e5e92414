"""HTTP API of the follow-up service."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request

from services.followup.application import FollowUpPlans


def get_app(request: Request) -> FollowUpPlans:
    app: FollowUpPlans = request.app.state.application
    return app


AppDep = Annotated[FollowUpPlans, Depends(get_app)]
router = APIRouter(tags=["followup"])


@router.get("/plans")
def list_plans(app: AppDep, cadre_id: Annotated[str, Query(min_length=1)]) -> list[dict[str, Any]]:
    """A cadre's follow-up plans."""
    return [plan.snapshot() for plan in app.plans_of(cadre_id)]


@router.get("/plans/{plan_id}")
def get_plan(plan_id: UUID, app: AppDep) -> dict[str, Any]:
    """One follow-up plan with its impact period and eligibility."""
    return app.get_plan(plan_id).snapshot()
