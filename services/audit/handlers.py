"""Every inbound integration event → one entry in the documentary record, or in the access log."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from services.audit.application import AuditRecords
from services.audit.domain.access_log import ReportedAccess
from services.audit.domain.case_file import CaseFile
from services.audit.domain.errors import ForeignAccessRecordError
from services.audit.domain.record import CadreRecord
from services.audit.domain.timing import stated_effective
from shared.contract.access_events import AccessRecorded
from shared.contract.codec import IntegrationEvent
from shared.contract.envelope import SERVICE_SOURCES, Envelope
from shared.tracing import current_traceparent, trace_id_of


def preload_records(app: AuditRecords, events: list[IntegrationEvent]) -> None:
    """What a batch will load, in two queries: the cadres' records (and the access log's entries),
    then the case files of the events whose case is known from the event or its cadre's record."""
    first: list[UUID] = []
    for event in events:
        if isinstance(event.payload, AccessRecorded):
            first.append(ReportedAccess.create_id(event.payload.model_dump(mode="json")))
        else:
            first.append(CadreRecord.create_id(event.envelope.cadre_id))
    records = app.preload(first)
    cases: list[UUID] = []
    for event in events:
        if isinstance(event.payload, AccessRecorded):
            continue
        record = records.get(CadreRecord.create_id(event.envelope.cadre_id))
        entry = {"type": event.envelope.type, "data": event.envelope.data}
        case_id = (record.case_of(entry) if isinstance(record, CadreRecord)
                   else event.envelope.data.get("case_id"))
        if case_id:
            cases.append(CaseFile.create_id(str(case_id)))
    app.preload(cases)


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
    occurred_at = envelope.occurred_at.isoformat()
    entry = {
        "event_id": envelope.id,
        "type": envelope.type,
        "version": envelope.version,
        "source": envelope.source,
        "subject": envelope.subject(),
        "occurred_at": occurred_at,
        "effective": stated_effective(envelope.type, envelope.data, occurred_at, envelope.source),
        "actor": actor_of(envelope),
        "trace_id": trace_id_of(traceparent),
        "data": envelope.data,
    }
    app.record_event(envelope.cadre_id, entry, tracking)


def actor_of(envelope: Envelope) -> dict[str, Any] | None:
    """Who acted: for a service's event, the authenticated person its envelope names (the
    provenance check proved the service sent it); for a producer's, the producer system itself,
    whose NATS identity the server and the provenance check proved. A producer cannot name
    someone else as the actor."""
    if envelope.source not in SERVICE_SOURCES:
        return {"id": envelope.source, "name": None, "role": "producer", "unit": None,
                "on_behalf_of": None}
    return envelope.actor.model_dump() if envelope.actor else None
