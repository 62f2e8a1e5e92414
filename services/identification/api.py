"""HTTP API of the identification service: thin, request model → application call → response."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from services.identification.application import Concerns
from services.identification.domain.concern import Concern
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.contract import events as contract

HTTP_CHANNELS = (
    "daily_understanding", "frontline_inspection", "term_change_inspection",
    "party_organisation_opinion", "team_mutual_supervision", "comprehensive_analysis",
    "own_request",
)


def get_app(request: Request) -> Concerns:
    app: Concerns = request.app.state.application
    return app


AppDep = Annotated[Concerns, Depends(get_app)]


class SignalCreate(BaseModel):
    """A signal reported by a person: case officer, unit, team member, or the cadre."""

    signal_id: str = Field(default_factory=lambda: str(uuid4()), min_length=1)
    source_system: str = Field(default="case_officer", min_length=1)
    channel: contract.Channel
    reporter: str = Field(min_length=1)
    cadre: contract.CadreRef
    managing_unit: str = Field(min_length=1)
    co_managing_unit: str | None = None
    citation: contract.Citation
    summary: str = Field(min_length=1)
    evidence_refs: list[str] = Field(default_factory=list)
    reported_at: datetime


class SignalAccepted(BaseModel):
    signal_id: UUID
    concern_id: UUID
    duplicate: bool


class DeterminationCreate(BaseModel):
    outcome: str = Field(pattern="^(unsuitable|not_substantiated|false_accusation|referred_to_discipline)$")
    circumstances: list[contract.Citation] = Field(default_factory=list)
    evidence_refs: list[str] = Field(default_factory=list)
    determined_by: str = Field(min_length=1)
    determined_on: date


class ConcernPublic(BaseModel):
    concern_id: UUID
    cadre: dict[str, Any]
    managing_unit: str
    status: str
    citations: list[dict[str, str]]
    signal_ids: list[str]
    determination: dict[str, Any] | None
    opened_at: datetime
    version: int


def concern_public(concern: Concern) -> ConcernPublic:
    return ConcernPublic(
        concern_id=concern.id,
        cadre=concern.cadre,
        managing_unit=concern.managing_unit,
        status="open" if concern.is_open else str(concern.outcome),
        citations=concern.citations,
        signal_ids=concern.signal_ids,
        determination=concern.determination,
        opened_at=concern.created_on,
        version=concern.version,
    )


router = APIRouter(tags=["identification"])


@router.post("/signals", status_code=201)
def create_signal(body: SignalCreate, app: AppDep) -> SignalAccepted:
    """Report a signal over HTTP; re-sending the same signal_id changes nothing."""
    report = SignalReport(
        signal_id=body.signal_id,
        source_system=body.source_system,
        channel=body.channel,
        reporter=body.reporter,
        cadre=CadreSnapshot(**body.cadre.model_dump()),
        managing_unit=body.managing_unit,
        co_managing_unit=body.co_managing_unit,
        citation=Citation(**body.citation.model_dump()),
        summary=body.summary,
        reported_at=body.reported_at,
        evidence_refs=tuple(body.evidence_refs),
    )
    result = app.report_circumstance(report)
    return SignalAccepted(
        signal_id=result.signal_id, concern_id=result.concern_id, duplicate=result.duplicate
    )


@router.get("/concerns")
def list_concerns(app: AppDep, cadre_id: Annotated[str, Query(min_length=1)]) -> list[ConcernPublic]:
    """A cadre's concerns, oldest first."""
    return [concern_public(c) for c in app.concerns_of(cadre_id)]


@router.get("/concerns/{concern_id}")
def get_concern(concern_id: UUID, app: AppDep) -> ConcernPublic:
    """One concern with its signals, citations and outcome."""
    return concern_public(app.get_concern(concern_id))


@router.post("/concerns/{concern_id}/determination")
def determine_concern(concern_id: UUID, body: DeterminationCreate, app: AppDep) -> ConcernPublic:
    """Record the outcome of verification; 'unsuitable' starts the adjustment procedure."""
    concern = app.determine(
        concern_id,
        outcome=body.outcome,
        circumstances=[c.model_dump() for c in body.circumstances],
        evidence_refs=body.evidence_refs,
        determined_by=body.determined_by,
        determined_on=body.determined_on,
    )
    return concern_public(concern)
