"""`GET /appeals`: the reviews and appeals an officer may read without knowing a cadre or case id,
filtered by state and cadre, paged and sorted (the total count in X-Total-Count)."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response

from services.adjustment.api import AppDep
from services.adjustment.appeals_api import AppealPublic, appeal_public
from services.adjustment.case_access import case_target
from services.adjustment.domain.appeal import Appeal
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.listing import PageQuery, SizeQuery, paged

router = APIRouter(tags=["appeals"])


@router.get("/appeals", openapi_extra=access(Action.READ_CASE))
def list_appeals(
    app: AppDep, gate: GateDep, response: Response,
    cadre_id: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    state: Literal["pending", "decided"] | None = None,
    sort: Literal["lodged_on", "-lodged_on", "cadre_id"] = "lodged_on",
    page: PageQuery = 1, size: SizeQuery = 200,
) -> list[AppealPublic]:
    """Every review and appeal against the cases the caller may read; others are left out."""
    entries = [e for e in app.cases.all()
               if (cadre_id is None or e.cadre_id == cadre_id) and e.appeal_ids
               and gate.visible(case_target(e))]
    appeals = [(a, e) for e in entries for a in (app.find(UUID(i), Appeal) for i in e.appeal_ids)
               if a is not None]
    appeals = [(a, e) for a, e in appeals
               if state is None or (a.decision is not None) == (state == "decided")]
    keys = {"lodged_on": lambda ae: (ae[0].lodged_on, str(ae[0].id)),
            "cadre_id": lambda ae: (ae[0].cadre_id, ae[0].lodged_on, str(ae[0].id))}
    shown = paged(appeals, response, page, size, keys[sort.lstrip("-")], sort.startswith("-"))
    gate.listed([case_target(e) for _, e in shown])
    return [appeal_public(a) for a, _ in shown]
