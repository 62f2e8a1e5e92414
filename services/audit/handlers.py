"""Every inbound integration event → one entry in the documentary record."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from services.audit.application import AuditRecords
from shared.contract.codec import IntegrationEvent
from shared.tracing import current_traceparent, trace_id_of


def record_every_event(app: AuditRecords, event: IntegrationEvent, tracking: Tracking) -> None:
    envelope = event.envelope
    traceparent = current_traceparent()
    entry = {
        "event_id": envelope.id,
        "type": envelope.type,
        "version": envelope.version,
        "source": envelope.source,
        "subject": envelope.subject(),
        "occurred_at": envelope.occurred_at.isoformat(),
        "trace_id": trace_id_of(traceparent),
        "data": envelope.data,
    }
    app.record_event(envelope.cadre_id, entry, tracking)
