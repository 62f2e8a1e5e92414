"""Every inbound integration event → one entry in the documentary record, or in the access log."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from services.audit.application import AuditRecords
from services.audit.domain.errors import ForeignAccessRecordError
from shared.contract.access_events import AccessRecorded
from shared.contract.codec import IntegrationEvent
from shared.tracing import current_traceparent, trace_id_of


def record_every_event(app: AuditRecords, event: IntegrationEvent, tracking: Tracking) -> None:
    envelope = event.envelope
    if isinstance(event.payload, AccessRecorded):
        # Who looked at a record is not part of the cadre's record: the timelines hold what the
        # services did, the access log who read or was refused.
        if event.payload.service != envelope.source:
            raise ForeignAccessRecordError(f"{envelope.source} published an access record of "
                                           f"{event.payload.service}")
        app.record_reported_access(envelope.id, event.payload.model_dump(mode="json"), tracking)
        return
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
