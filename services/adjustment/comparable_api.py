"""HTTP API for comparable cases (IM 24): earlier decisions on the same circumstance and gravity.

Like cases are compared across jurisdictions, so these answers name no cadre: each earlier case
shows its method, nature, gravity, date and circumstances, and its case id only to a principal
who may read that case. Read from one case, the case itself is gated (`read_case`); by
circumstance alone, the answer is reference data (`read_reference`).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query

from services.adjustment.api import AppDep
from services.adjustment.case_access import case_target, guarded_by, may_read_case
from services.adjustment.case_models import Gravity
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action


def _anonymised(comparison: dict[str, Any], app: AppDep, gate: Gate) -> dict[str, Any]:
    entries = app.cases.some([case["case_id"] for case in comparison["cases"]])
    readable = {case_id for case_id, entry in entries.items() if may_read_case(gate, case_target(entry))}
    return {**comparison, "cases": [
        {k: v for k, v in case.items() if k != "case_id" or case["case_id"] in readable}
        for case in comparison["cases"]
    ]}


router = APIRouter(tags=["adjustment"])


@router.get("/cases/{case_id}/comparable-cases", openapi_extra=access(Action.READ_CASE))
def list_comparable_cases(
    case_id: UUID, app: AppDep, gate: GateDep, gravity: Annotated[Gravity | None, Query()] = None
) -> list[dict[str, Any]]:
    """For each of the case's circumstances, earlier decided cases and their methods (IM 24)."""
    return [_anonymised(c, app, gate) for c in app.comparable_cases(case_id, gravity, guarded_by(gate))]


@router.get("/comparable-cases", openapi_extra=access(Action.READ_REFERENCE))
def list_comparable_cases_by_circumstance(
    app: AppDep, gate: GateDep, pack_id: Annotated[str, Query(max_length=200)],
    article: Annotated[str, Query(max_length=200)], gravity: Annotated[Gravity | None, Query()] = None,
) -> dict[str, Any]:
    """Decided cases citing one circumstance of a jurisdiction's pack, with the methods chosen."""
    return _anonymised(app.comparable.comparable(pack_id, article, gravity), app, gate)
