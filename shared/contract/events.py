"""Versioned integration events: the only thing services and producer systems share.

Each payload class documents one event type. These are the core events of the lifecycle; each
service's further events live in `shared/contract/<service>_events.py`, and
`shared.contract.catalogue.CONTRACT` gathers them all (the AsyncAPI document is generated from it).
"""

from __future__ import annotations

import builtins
from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.contract.naming import snake

Channel = Literal[
    "daily_understanding",
    "frontline_inspection",
    "annual_assessment",
    "term_change_inspection",
    "party_organisation_opinion",
    "supervision_results",
    "team_mutual_supervision",
    "comprehensive_analysis",
    "own_request",
]
CadreRole = Literal[
    "party_committee_head",
    "party_committee_member",
    "subordinate_body_head",
    "unit_staff",
]
PRODUCER_SYSTEMS = (
    "discipline",
    "inspection_tour",
    "audit_office",
    "petitions",
    "assessment",
    "statistics",
    "personal_matters",
    "personnel",  # the personnel system: the cadre register (shared/contract/register_events.py)
)


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A later version of an event type is its own class; these name the type and version it
    # travels as (the class name and 1 unless a class says otherwise).
    event_type: ClassVar[str | None] = None
    event_version: ClassVar[int] = 1

    @classmethod
    def type_name(cls) -> str:
        return cls.event_type or cls.__name__


class CadreRef(Payload):
    """Who the event concerns, as the sender knows them."""

    cadre_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    unit_id: str = Field(min_length=1, description="Organisation unit holding the post")
    post: str = Field(min_length=1)
    rank: str = Field(min_length=1)
    role: CadreRole = "unit_staff"


class Citation(Payload):
    pack_id: str = Field(min_length=1, examples=["IM-2022"])
    article: str = Field(min_length=1, examples=["art. 6(8)"])


class Authority(Payload):
    """The management authority that may act on the cadre (SPEC §8)."""

    managing_unit: str = Field(min_length=1)
    co_managing_unit: str | None = None
    pack_id: str = Field(min_length=1)


class SignalKey(Payload):
    """A signal as its reporter names it: the reporting system (or person's source) and its own id."""

    source_system: str = Field(min_length=1)
    signal_id: str = Field(min_length=1)


class CircumstanceReported(Payload):
    """A producer system or person reports a circumstance about a cadre.

    Producer systems publish it on their intake subjects; the identification service publishes
    it for a signal reported over its HTTP API, so every signal reaches the record the same way."""

    signal_id: str = Field(min_length=1, description="The producer's own id; resending is harmless")
    source_system: str = Field(min_length=1)
    channel: Channel
    reporter: str = Field(min_length=1)
    cadre: CadreRef
    managing_unit: str = Field(min_length=1, description="Unit whose committee manages the cadre")
    co_managing_unit: str | None = Field(default=None, description="Under dual management")
    citation: Citation
    summary: str = Field(min_length=1)
    evidence_refs: list[str] = Field(default_factory=list)
    reported_at: datetime
    matter_ref: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="The accountability matter the signal is about, as the accountability "
        "system names it: a fault-tolerance grant covering it refuses a determination on it")
    reform_ref: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="The innovation risk filing the signal is about (its id): a signal about a "
        "filed reform is deferred to the filing (LG-FT 6(2)4)")


class ConcernOpened(Payload):
    concern_id: str
    cadre: CadreRef
    managing_unit: str
    first_signal_id: str = Field(description="the identification service's own id of the signal")
    citation: Citation
    first_signal: SignalKey | None = Field(
        default=None, description="the signal as its reporter names it (what the record cites)")


class ConcernSignalJoined(Payload):
    """Another signal about the cadre joined the open concern."""

    concern_id: str
    signal: SignalKey
    citation: Citation


class ConcernClosed(Payload):
    concern_id: str
    outcome: Literal["unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline"]
    closed_by: str


class UnsuitabilityDetermined(Payload):
    """Verification found the cadre unsuitable for the current post; adjustment must follow."""

    concern_id: str
    cadre: CadreRef
    authority: Authority
    circumstances: list[Citation] = Field(min_length=1)
    evidence_refs: list[str]
    determined_by: str
    determined_on: date
    signals: list[SignalKey] = Field(
        default_factory=list, description="the signals the concern came from, as their reporters name them")


class AdjustmentStepRecorded(Payload):
    """One step of the five-step procedure, as recorded (IM 15-21)."""

    case_id: str
    step: Literal["verify_determine", "propose", "decide", "talk", "formalities"]
    recorded_by: str
    on: date
    details: dict[str, str]


class AdjustmentDecided(Payload):
    case_id: str
    cadre: CadreRef
    pack_id: str
    method: str
    former_post: str
    new_post: str
    former_rank: str
    new_rank: str
    new_level: str | None = Field(default=None, description="职务层次 of the new post")
    new_unit_id: str | None = Field(default=None, description="the unit holding the new post")
    decided_on: date


class MeetingRecord(Payload):
    """The meeting that decided: attendance and votes (v1 decisions did not record them: None)."""

    members_expected: int | None = Field(default=None, description="应到会成员")
    present: int | None = Field(default=None, description="到会成员")
    votes_for: int | None = None
    votes_against: int | None = None
    abstaining: int | None = None


class MeetingRuleApplied(Payload):
    """The quorum and majority the decision was held to, with their citation (CSR 30 by default)."""

    citation: str = Field(examples=["CSR 30"])
    quorum: str = Field(examples=["以上2/3"])
    majority: str = Field(examples=["超过1/2"])


class Consultation(Payload):
    """IM 18: the co-managing side's opinion, as a fact."""

    co_managing_unit: str
    consulted_person: str
    consulted_on: date
    opinion: str
    recorded_by: str


class AdjustmentDecidedV2(Payload):
    """The committee's decision with its meeting record and consultation (v2 of AdjustmentDecided;
    v1 is published beside it for a deprecation window)."""

    event_type: ClassVar[str | None] = "AdjustmentDecided"
    event_version: ClassVar[int] = 2

    case_id: str
    cadre: CadreRef
    pack_id: str
    pack_version: int = Field(ge=1, description="the pack version the case opened under")
    method: str
    former_post: str
    new_post: str
    former_rank: str
    new_rank: str
    new_level: str | None = Field(default=None, description="职务层次 of the new post")
    new_unit_id: str | None = Field(default=None, description="the unit holding the new post")
    decided_on: date
    meeting: MeetingRecord
    meeting_rule: MeetingRuleApplied | None = Field(
        default=None, description="absent on decisions recorded before the rule was checked")
    consultation: Consultation | None = None


class AdjustmentExecuted(Payload):
    case_id: str
    cadre: CadreRef
    pack_id: str
    method: str
    authority: Authority | None = Field(
        default=None, description="who manages the cadre; follow-up acts within it (SPEC §8)")
    former_post: str
    new_post: str
    former_rank: str
    new_rank: str
    new_level: str | None = Field(default=None, description="职务层次 of the new post")
    new_unit_id: str | None = Field(default=None, description="the unit holding the new post")
    effective_on: date
    salary_formalities_due_on: date


class FollowUpOpened(Payload):
    plan_id: str
    case_id: str
    cadre_id: str
    method: str
    impact_period_ends_on: date | None
    bar: Literal["promotion", "above_former_level", "none"]


class AdjustmentCorrected(Payload):
    """An appeal or review modified or revoked an adjustment: a new, recorded correction (IM 22)."""

    case_id: str
    cadre_id: str
    appeal_id: str
    outcome: Literal["modified", "revoked"]
    reason: str = Field(min_length=1)
    restored_post: str | None = None
    restored_rank: str | None = None
    restored_pay: str | None = None
    new_method: str | None = Field(default=None, description="set when modified to another method")
    effective_on: date


class ReinstatementEligible(Payload):
    plan_id: str
    cadre_id: str
    eligible_on: date
    reasons: list[str] = Field(min_length=1)


class EventSpec(BaseModel):
    type: str
    version: int
    payload: builtins.type[Payload]
    sources: tuple[str, ...]
    summary: str


def spec(payload: type[Payload], *sources: str) -> EventSpec:
    """Describe one event type: its payload model and who publishes it."""
    doc = (payload.__doc__ or payload.__name__).strip().splitlines()[0]
    return EventSpec(
        type=payload.type_name(), version=payload.event_version, payload=payload, sources=sources,
        summary=doc,
    )


CORE_SPECS: list[EventSpec] = [
    spec(CircumstanceReported, "intake", "identification"),
    spec(ConcernOpened, "identification"),
    spec(ConcernSignalJoined, "identification"),
    spec(ConcernClosed, "identification"),
    spec(UnsuitabilityDetermined, "identification"),
    spec(AdjustmentStepRecorded, "adjustment"),
    spec(AdjustmentDecided, "adjustment"),
    spec(AdjustmentDecidedV2, "adjustment"),
    spec(AdjustmentExecuted, "adjustment"),
    spec(AdjustmentCorrected, "adjustment"),
    spec(FollowUpOpened, "followup"),
    spec(ReinstatementEligible, "followup"),
]


def subjects_for(spec: EventSpec) -> list[str]:
    """Every subject an event type may be published on."""
    name = f"{snake(spec.type)}.v{spec.version}"
    subjects: list[str] = []
    for source in spec.sources:
        if source == "intake":  # any producer's own intake subject
            subjects += [f"cadre.intake.{producer}.{name}" for producer in PRODUCER_SYSTEMS]
        elif source == "receipts":  # identification to one producer, on that producer's subject
            subjects += [f"cadre.receipts.{producer}.{name}" for producer in PRODUCER_SYSTEMS]
        else:  # a service, or "intake.<producer>": one producer's (the personnel system's register)
            subjects.append(f"cadre.{source}.{name}")
    return subjects
