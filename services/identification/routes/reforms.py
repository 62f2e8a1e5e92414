"""Innovation risk filings over HTTP (LG-FT 6(2))."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.identification.domain.reform_filing import ReformFiling
from services.identification.routes.deps import AppDep

router = APIRouter(prefix="/reform-filings", tags=["innovation risk filings"])


class FilingCreate(BaseModel):
    unit_id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    plan: str = Field(min_length=1)
    unit_discussion: str = Field(min_length=1, description="the unit party organisation's discussion")
    leader_agreed_by: str = Field(min_length=1, description="the supervising leader who agreed")
    filed_by: str = Field(min_length=1)
    filed_on: date


class ReviewCreate(BaseModel):
    stage: Literal["collective_review", "approval"]
    reviewer: str = Field(min_length=1)
    approved: bool
    on: date
    opinion: str = Field(min_length=1)


class ResultsCreate(BaseModel):
    by: str = Field(min_length=1)
    on: date
    summary: str = Field(min_length=1)
    problem_solved: bool
    harm_occurred: bool


def filing_public(f: ReformFiling) -> dict[str, Any]:
    return {"filing_id": str(f.id), "unit_id": f.unit_id, "title": f.title, "status": f.status,
            "next_stage": f.next_stage, "reviews": f.reviews,
            "deferred_signals": f.deferred_signals, "results": f.results}


@router.post("", status_code=201)
def file_reform(body: FilingCreate, app: AppDep) -> dict[str, Any]:
    """File a risky reform in advance (LG-FT 6(2)1)."""
    return filing_public(app.file_reform(**body.model_dump()))


@router.get("/{filing_id}")
def get_filing(filing_id: UUID, app: AppDep) -> dict[str, Any]:
    """The filing, its review chain and the petitions deferred because of it."""
    return filing_public(app.get_filing(filing_id))


@router.post("/{filing_id}/reviews")
def review_filing(filing_id: UUID, body: ReviewCreate, app: AppDep) -> dict[str, Any]:
    """The next review stage: collective review, then approval (LG-FT 6(2)2-3)."""
    return filing_public(app.review_reform(filing_id, **body.model_dump()))


@router.post("/{filing_id}/results")
def report_results(filing_id: UUID, body: ResultsCreate, app: AppDep) -> dict[str, Any]:
    """The results report and its performance evaluation (LG-FT 6(2)5)."""
    return filing_public(app.report_reform_results(filing_id, **body.model_dump()))
