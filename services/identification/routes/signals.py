"""Signals reported over HTTP, and the concerns they open (SPEC §4.1)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.identification.domain.concern import Concern
from services.identification.domain.errors import NotFoundError
from services.identification.domain.values import HTTP, CadreSnapshot, Citation, SignalReport
from services.identification.routes import authority
from services.identification.routes.deps import AppDep
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.contract import events as contract


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
    matter_ref: str | None = Field(default=None, description="accountability matter it is about")
    reform_ref: str | None = Field(default=None, description="innovation risk filing it is about")


class SignalAccepted(BaseModel):
    signal_id: UUID
    concern_id: UUID | None
    duplicate: bool
    deferred_by: str | None = None
    unresolved: bool = Field(default=False, description="the register does not list the cadre yet")


class ConcernPublic(BaseModel):
    concern_id: UUID
    cadre: dict[str, Any]
    managing_unit: str
    status: str
    citations: list[dict[str, str]]
    signal_ids: list[str]
    signals: list[dict[str, str]] = Field(
        description="each signal as its reporter names it: source_system and their own signal_id")
    determination: dict[str, Any] | None
    measures: list[dict[str, Any]]
    observation: dict[str, Any] | None
    verifications: list[dict[str, Any]]
    rule_hits: list[dict[str, Any]]
    matter_refs: list[str]
    assigned_to: str | None
    clarification: dict[str, Any] | None
    withdrawn_determinations: list[dict[str, Any]] = Field(
        default_factory=list, description="determinations withdrawn, with who, when and why")
    opened_at: datetime
    version: int


def concern_public(concern: Concern) -> ConcernPublic:
    return ConcernPublic(
        concern_id=concern.id, cadre=concern.cadre, managing_unit=concern.managing_unit,
        status=concern.status, citations=concern.citations, signal_ids=concern.signal_ids,
        signals=concern.signals,
        determination=concern.determination, measures=concern.measures,
        observation=concern.observation, verifications=concern.verifications,
        rule_hits=concern.rule_hits, matter_refs=concern.matter_refs,
        assigned_to=concern.assigned_to, clarification=concern.clarification,
        withdrawn_determinations=concern.withdrawn_determinations,
        opened_at=concern.created_on, version=concern.version,
    )


router = APIRouter(tags=["signals and concerns"])


@router.post("/signals", status_code=201, openapi_extra=access(Action.REPORT_SIGNAL))
def create_signal(body: SignalCreate, app: AppDep, gate: GateDep) -> SignalAccepted:
    """Report a signal over HTTP; re-sending the same signal_id changes nothing.

    An officer reports about cadres its unit manages; a producer system only under its own name."""
    # A registered cadre's authority is the register's, whatever the body names (SPEC §8).
    record = app.cadre_record(body.cadre.cadre_id)
    gate.check(authority.of_registered(record, body.source_system) if record else
               authority.of_report(body.cadre.model_dump(), body.managing_unit, body.co_managing_unit,
                                   body.source_system))
    report = SignalReport(
        signal_id=body.signal_id, source_system=body.source_system, channel=body.channel,
        reporter=body.reporter, cadre=CadreSnapshot(**body.cadre.model_dump()),
        managing_unit=body.managing_unit, co_managing_unit=body.co_managing_unit,
        citation=Citation(**body.citation.model_dump()), summary=body.summary,
        reported_at=body.reported_at, evidence_refs=tuple(body.evidence_refs),
        matter_ref=body.matter_ref, reform_ref=body.reform_ref, received_via=HTTP,
        id_space=None if gate.acting.principal.role == "producer" else gate.acting.principal.unit,
    )
    result = app.report_circumstance(report, acting=gate.acting)
    return SignalAccepted(signal_id=result.signal_id, concern_id=result.concern_id,
                          duplicate=result.duplicate, deferred_by=result.deferred_by,
                          unresolved=result.unresolved)


@router.get("/signals/{signal_id}", openapi_extra=access(Action.READ_REPORTS))
def get_signal(signal_id: UUID, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """One signal as received, with its concern or the filing that deferred it."""
    signal = app.get_signal(signal_id)
    if signal is None:
        raise NotFoundError(f"no signal {signal_id}")
    gate.check(authority.of_signal(signal))
    return {
        "signal_id": str(signal.id), "source_system": signal.source_system,
        "producer_signal_id": signal.signal_id, "channel": signal.channel,
        "reporter": signal.reporter, "cadre": signal.cadre, "citation": signal.citation,
        "evidence_refs": signal.evidence_refs, "matter_ref": signal.matter_ref,
        "concern_id": str(signal.concern_id) if signal.concern_id else None,
        "deferred_by": signal.deferred_by,
    }


def visible_concerns(app: AppDep, gate: GateDep, cadre_id: str) -> list[Concern]:
    """The cadre's concerns the principal may read (a list is filtered, never refused)."""
    shown = [c for c in app.concerns_of(cadre_id) if gate.visible(authority.of_concern(c))]
    gate.listed([authority.of_concern(c) for c in shown])
    return shown


@router.get("/concerns/{concern_id}", openapi_extra=access(Action.READ_REPORTS))
def get_concern(concern_id: UUID, app: AppDep, gate: GateDep) -> ConcernPublic:
    """One concern with its signals, citations, steps and outcome."""
    concern = app.get_concern(concern_id)
    gate.check(authority.of_concern(concern))
    return concern_public(concern)


class DeterminationCreate(ActedFor):
    outcome: str = Field(pattern="^(unsuitable|not_substantiated|false_accusation|referred_to_discipline)$")
    circumstances: list[contract.Citation] = Field(default_factory=list)
    evidence_refs: list[str] = Field(default_factory=list)
    determined_by: RecordedBy = None
    determined_on: date
    matter_ref: str | None = Field(default=None, description="the accountability matter decided")
    clarification: str | None = Field(default=None, description="required for false_accusation")
    flag_reporter: bool = Field(default=False, description="flag the false reporter for follow-up")


@router.post("/concerns/{concern_id}/determination", openapi_extra=access(Action.DECIDE))
def determine_concern(concern_id: UUID, body: DeterminationCreate, app: AppDep,
                      gate: GateDep) -> ConcernPublic:
    """Record the outcome of verification; 'unsuitable' starts the adjustment procedure.

    The committee decides; its secretary records the decision."""
    gate.check(authority.of_concern(app.get_concern(concern_id)))
    acting = gate.acting.attribute(body)
    assert body.determined_by is not None  # filled with the principal when not given
    concern = app.determine(
        concern_id, outcome=body.outcome,
        circumstances=[c.model_dump() for c in body.circumstances],
        evidence_refs=body.evidence_refs, determined_by=body.determined_by,
        determined_on=body.determined_on, matter_ref=body.matter_ref,
        clarification=body.clarification, flag_reporter=body.flag_reporter, acting=acting,
    )
    return concern_public(concern)
