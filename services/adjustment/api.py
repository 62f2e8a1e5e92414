"""HTTP API of the adjustment service: the case list, one case, and the five steps, each its own command.

Each route declares its action family; the case's own authority decides the rest (`case_access.py`):
the gate is passed the case as soon as it is loaded, before any step is checked or recorded.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from services.adjustment.application import AdjustmentCases
from services.adjustment.case_access import case_target, guarded_by
from services.adjustment.case_models import (
    CasePublic,
    CaseSummary,
    DecisionCreate,
    FormalitiesCreate,
    ProposalCreate,
    SalaryFormalitiesCreate,
    TalkCreate,
    case_public,
    case_summary,
    decision_record,
)
from shared.access.acting import ActedFor
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.listing import PageQuery, paged


def get_app(request: Request) -> AdjustmentCases:
    app: AdjustmentCases = request.app.state.application
    return app


AppDep = Annotated[AdjustmentCases, Depends(get_app)]
NextStep = Literal["propose", "decide", "talk", "formalities", "done"]


def _plain(model: ActedFor) -> dict[str, Any]:
    return model.fields(mode="json", exclude_none=True)


router = APIRouter(prefix="/cases", tags=["adjustment"])


@router.get("", openapi_extra=access(Action.READ_CASE))
def list_cases(
    app: AppDep, gate: GateDep, response: Response,
    cadre_id: Annotated[str | None, Query(max_length=200)] = None,
    next_step: Annotated[NextStep | None, Query(description="`done`: every step recorded")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    sort: Annotated[Literal["determined_on", "-determined_on", "cadre_id"], Query()] = "determined_on",
    page: PageQuery = 1,
) -> list[CaseSummary]:
    """The cases the caller may read (others are left out, never refused), oldest first unless
    sorted otherwise; `limit` is the page size, the total count is in X-Total-Count."""
    wanted = None if next_step == "done" else next_step
    shown = [
        entry for entry in app.cases.all()
        if (cadre_id is None or entry.cadre_id == cadre_id)
        and (next_step is None or entry.next_step == wanted)
        and gate.visible(case_target(entry))
    ]
    keys: dict[str, Any] = {"determined_on": lambda e: (e.determined_on, e.case_id),
                            "cadre_id": lambda e: (e.cadre_id, e.determined_on)}
    shown = paged(shown, response, page, limit, keys[sort.lstrip("-")], sort.startswith("-"))
    gate.listed([case_target(entry) for entry in shown])
    return [case_summary(entry) for entry in shown]


@router.get("/{case_id}", openapi_extra=access(Action.READ_CASE))
def get_case(case_id: UUID, app: AppDep, gate: GateDep) -> CasePublic:
    """One adjustment case with every step recorded so far."""
    return case_public(app.get_case(case_id, guarded_by(gate)), app)


@router.post("/{case_id}/proposal", openapi_extra=access(Action.ACT_ON_CASE))
def create_proposal(case_id: UUID, body: ProposalCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Record step 2, the proposal."""
    acting = gate.acting.attribute(body)
    return case_public(app.propose(case_id, _plain(body), guarded_by(gate), acting), app)


@router.post("/{case_id}/decision", openapi_extra=access(Action.DECIDE))
def create_decision(case_id: UUID, body: DecisionCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Record step 3, the committee's decision at its meeting (its secretary records it)."""
    acting = gate.acting.attribute(body)
    return case_public(app.decide(case_id, decision_record(body, gate), guarded_by(gate), acting), app)


@router.post("/{case_id}/talk", openapi_extra=access(Action.ACT_ON_CASE))
def create_talk(case_id: UUID, body: TalkCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Record step 4, the decision talk."""
    acting = gate.acting.attribute(body)
    return case_public(app.hold_talk(case_id, _plain(body), guarded_by(gate), acting), app)


@router.post("/{case_id}/formalities", openapi_extra=access(Action.ACT_ON_CASE))
def create_formalities(case_id: UUID, body: FormalitiesCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Record step 5, the executed appointment and removal."""
    acting = gate.acting.attribute(body)
    data = _plain(body)
    effective_on = body.effective_on
    data.pop("effective_on")
    return case_public(app.complete_formalities(case_id, data, effective_on, guarded_by(gate), acting),
                       app)


@router.post("/{case_id}/salary-formalities", openapi_extra=access(Action.ACT_ON_CASE))
def create_salary_formalities(
    case_id: UUID, body: SalaryFormalitiesCreate, app: AppDep, gate: GateDep
) -> CasePublic:
    """Record that salary and benefits formalities were done (IM 21)."""
    acting = gate.acting.attribute(body)
    case = app.record_salary_formalities(case_id, body.completed_on, str(body.recorded_by),
                                         guarded_by(gate), acting)
    return case_public(case, app)
