"""Inbound integration events → identification application calls, routed by a plain dict."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import Tracking

from services.identification.application import Concerns
from services.identification.domain.cadre_concerns import CadreConcerns
from services.identification.domain.signal import Signal
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.contract import events as contract
from shared.contract import identification_events as feeds
from shared.contract.codec import IntegrationEvent
from shared.messaging.dispatch import ServiceHandler


def report_from(payload: contract.CircumstanceReported) -> SignalReport:
    return SignalReport(
        signal_id=payload.signal_id,
        source_system=payload.source_system,
        channel=payload.channel,
        reporter=payload.reporter,
        cadre=CadreSnapshot(**payload.cadre.model_dump()),
        managing_unit=payload.managing_unit,
        co_managing_unit=payload.co_managing_unit,
        citation=Citation(**payload.citation.model_dump()),
        summary=payload.summary,
        reported_at=payload.reported_at,
        evidence_refs=tuple(payload.evidence_refs),
        matter_ref=payload.matter_ref,
        reform_ref=payload.reform_ref,
    )


def when_circumstance_reported_record_signal(
    app: Concerns, event: IntegrationEvent, tracking: Tracking
) -> None:
    assert isinstance(event.payload, contract.CircumstanceReported)
    app.report_circumstance(report_from(event.payload), tracking=tracking)


def when_feed_recorded_evaluate_pack(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    assert isinstance(event.payload, feeds.FeedRecorded)
    # The producer is the envelope's source (the subject's cadre.intake.<producer> segment).
    app.record_feed(event.envelope.source, event.payload, event.envelope.occurred_at, tracking)


def when_follow_up_problem_reported_open_concern(
    app: Concerns, event: IntegrationEvent, tracking: Tracking
) -> None:
    payload = event.payload
    app.report_followup_problem(
        cadre_id=event.envelope.cadre_id, message_id=event.id,
        plan_id=str(payload.plan_id), problem=str(payload.problem),  # type: ignore[attr-defined]
        reported_by=str(payload.reported_by),  # type: ignore[attr-defined]
        citation=payload.citation,  # type: ignore[attr-defined]
        reported_at=event.envelope.occurred_at, tracking=tracking,
    )


def preload_intake(app: Concerns, events: list[IntegrationEvent]) -> None:
    """What a batch of signals will load, in two queries: each signal's record and its cadre's
    concern index, then the concerns those indexes hold open (a signal joins the open one)."""
    first: list[UUID] = []
    for event in events:
        payload = event.payload
        if isinstance(payload, contract.CircumstanceReported):
            first.append(Signal.create_id(payload.source_system, payload.signal_id))
        if event.type in HANDLERS:
            first.append(CadreConcerns.create_id(event.envelope.cadre_id))
    indexes = app.preload(first)
    app.preload(index.open_concern_id for index in indexes.values()
                if isinstance(index, CadreConcerns) and index.open_concern_id)


HANDLERS: dict[str, ServiceHandler[Concerns]] = {
    "CircumstanceReported": when_circumstance_reported_record_signal,
    "AssessmentRecorded": when_feed_recorded_evaluate_pack,
    "StatisticsRecorded": when_feed_recorded_evaluate_pack,
    "FollowUpProblemReported": when_follow_up_problem_reported_open_concern,
}
