"""Inbound integration events → identification application calls, routed by a plain dict."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from services.identification.application import Concerns
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.contract import events as contract
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
    )


def when_circumstance_reported_record_signal(
    app: Concerns, event: IntegrationEvent, tracking: Tracking
) -> None:
    assert isinstance(event.payload, contract.CircumstanceReported)
    app.report_circumstance(report_from(event.payload), tracking=tracking)


HANDLERS: dict[str, ServiceHandler[Concerns]] = {
    "CircumstanceReported": when_circumstance_reported_record_signal,
}
