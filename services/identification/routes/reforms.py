"""Innovation risk filings over HTTP (LG-FT 6(2))."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import Field

from services.identification.domain.reform_filing import ReformFiling
from services.identification.routes import authority
from services.identification.routes.deps import AppDep
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import GateDep, access
from shared.access.policy import Action, Target

router = APIRouter(prefix="/reform-filings", tags=["innovation risk filings"])
STEP = access(Action.ACT_ON_CASE)


class FilingCreate(ActedFor):
    unit_id: str = Field(min_length=1)
    pack_id: str = Field(min_length=1, examples=["LG-2020"],
                         description="the jurisdiction's pack, whose review chain applies")
    title: str = Field(min_length=1)
    plan: str = Field(min_length=1)
    unit_discussion: str = Field(min_length=1, description="the unit party organisation's discussion")
    leader_agreed_by: str = Field(min_length=1, description="the supervising leader who agreed")
    filed_by: RecordedBy = None
    filed_on: date


class ReviewCreate(ActedFor):
    stage: str = Field(min_length=1, max_length=60, description="the next stage of the pack's chain")
    reviewer: str = Field(min_length=1)
    approved: bool
    on: date
    opinion: str = Field(min_length=1)


class ResultsCreate(ActedFor):
    by: RecordedBy = None
    on: date
    summary: str = Field(min_length=1)
    problem_solved: bool
    harm_occurred: bool


def filing_public(f: ReformFiling) -> dict[str, Any]:
    return {"filing_id": str(f.id), "unit_id": f.unit_id, "title": f.title, "status": f.status,
            "next_stage": f.next_stage, "review_chain": f.review_chain, "reviews": f.reviews,
            "deferred_signals": f.deferred_signals, "results": f.results}


@router.post("", status_code=201, openapi_extra=STEP)
def file_reform(body: FilingCreate, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """File a risky reform in advance (LG-FT 6(2)1): the unit, or the committee above it."""
    gate.check(Target.of_unit(gate.control.tree, body.unit_id))
    acting = gate.acting.attribute(body)
    return filing_public(app.file_reform(acting, **body.fields()))


@router.get("/{filing_id}", openapi_extra=access(Action.READ_CASE))
def get_filing(filing_id: UUID, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The filing, its review chain and the petitions deferred because of it."""
    filing = app.get_filing(filing_id)
    gate.check(authority.of_filing(gate.control.tree, filing))
    return filing_public(filing)


@router.post("/{filing_id}/reviews", openapi_extra=STEP)
def review_filing(filing_id: UUID, body: ReviewCreate, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The next review stage: collective review, then approval (LG-FT 6(2)2-3), as recorded by
    the organisation department."""
    gate.check(authority.of_filing(gate.control.tree, app.get_filing(filing_id)))
    acting = gate.acting.attribute(body)
    return filing_public(app.review_reform(filing_id, **body.fields(), acting=acting))


@router.post("/{filing_id}/results", openapi_extra=STEP)
def report_results(filing_id: UUID, body: ResultsCreate, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The results report and its performance evaluation (LG-FT 6(2)5)."""
    gate.check(authority.of_filing(gate.control.tree, app.get_filing(filing_id)))
    acting = gate.acting.attribute(body, ("by",))
    return filing_public(app.report_reform_results(filing_id, acting, **body.fields()))
