"""Inbound integration events → adjustment application calls, routed by a plain dict."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from services.adjustment.application import AdjustmentCases
from shared.contract import events as contract
from shared.contract import identification_events
from shared.contract.codec import IntegrationEvent
from shared.messaging.dispatch import ServiceHandler


def when_unsuitability_determined_open_case(
    app: AdjustmentCases, event: IntegrationEvent, tracking: Tracking
) -> None:
    payload = event.payload
    assert isinstance(payload, contract.UnsuitabilityDetermined)
    app.open_case(
        concern_id=payload.concern_id,
        cadre=payload.cadre.model_dump(),
        authority=payload.authority.model_dump(),
        circumstances=[c.model_dump() for c in payload.circumstances],
        evidence_refs=payload.evidence_refs,
        determined_by=payload.determined_by,
        determined_on=payload.determined_on,
        signals=[s.model_dump() for s in payload.signals],
        tracking=tracking,
    )


def when_determination_withdrawn_close_case(
    app: AdjustmentCases, event: IntegrationEvent, tracking: Tracking
) -> None:
    payload = event.payload
    assert isinstance(payload, identification_events.DeterminationWithdrawn)
    app.close_on_withdrawal(concern_id=payload.concern_id, reason=payload.reason,
                            withdrawn_by=payload.withdrawn_by, withdrawn_on=payload.withdrawn_on,
                            tracking=tracking)


HANDLERS: dict[str, ServiceHandler[AdjustmentCases]] = {
    "UnsuitabilityDetermined": when_unsuitability_determined_open_case,
    "DeterminationWithdrawn": when_determination_withdrawn_close_case,
}
