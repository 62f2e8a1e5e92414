"""Rebuild: the audit service's read model rebuilt from a stored log of 1,000,000 events.

The log is the audit application's own event store (its mapper, its topics) in a schema of its
own: cadre records of 100 events each. One record is made with the audit domain (CadreRecord)
and its events encoded with the audit application's mapper; the other records are that record's
stored events with the cadre id changed (same length, so the stored bytes stay valid) and each
row's writer proof made afresh with the service's key, loaded with COPY, as a restore would.
The rebuild is a fresh `AuditReadModel` catching up from position
0, exactly what the service does at start. If that class is missing (the audit service changes),
the log is read and decoded with the application's mapper and folded per cadre instead, and the
figure says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import psycopg
from psycopg.sql import SQL, Identifier

from shared.eventstore.application import ServiceApplication
from shared.settings import ServiceSettings

EVENTS_PER_RECORD = 100
TEMPLATE = "rb-0000000"


def audit_application(settings: ServiceSettings) -> tuple[ServiceApplication, Callable[[], int], str]:
    """The audit application on `settings`' schema, a rebuild function and what it rebuilds."""
    from services.audit.application import AuditRecords

    try:
        from services.audit.bootstrap import build_audit

        runtime, parts = build_audit(settings)
        app, read_model_class = runtime.app, cast(Any, type(parts.read_model))

        def rebuild() -> int:
            model = read_model_class(app)
            model.catch_up()
            if getattr(model, "damaged", None):  # rows the read model could not trust
                raise AssertionError(f"{len(model.damaged)} stored rows left out as damaged")
            return int(model.position)

        return app, rebuild, "audit read model (AuditReadModel.catch_up from 0)"
    except (ImportError, AttributeError, TypeError):
        from shared.runtime_factory import build_runtime

        app = build_runtime("audit", AuditRecords, settings).app
        return app, lambda: _decode_and_fold(app), "log read + decoded with the audit mapper, folded"


def _decode_and_fold(app: ServiceApplication) -> int:
    timelines: dict[Any, list[Any]] = {}
    position = 0
    while True:
        page = app.process_recorder.select_notifications(position, 1000, inclusive_of_start=False)
        for notification in page:
            event = app.mapper.to_domain_event(notification)
            entry = getattr(event, "entry", None)
            if entry is not None:
                timelines.setdefault(event.originator_id, []).append(entry)
            position = notification.id
        if len(page) < 1000:
            return position


def _template(app: ServiceApplication) -> list[Any]:
    from services.audit.domain.record import CadreRecord

    record = CadreRecord(cadre_id=TEMPLATE)
    start = datetime(2025, 3, 1, 9, tzinfo=UTC)
    for n in range(EVENTS_PER_RECORD - 1):
        record.record({
            "event_id": f"{TEMPLATE}-e{n:04d}", "type": "CircumstanceReported", "version": 1,
            "source": "petitions", "subject": "cadre.intake.petitions.circumstance_reported.v1",
            "occurred_at": (start + timedelta(hours=n)).isoformat(), "trace_id": None,
            "data": {"signal_id": f"{TEMPLATE}-s{n}", "source_system": "petitions",
                     "channel": "supervision_results", "reporter": "信访系统",
                     "cadre": {"cadre_id": TEMPLATE, "name": "干部", "unit_id": "unit:bench",
                               "post": "局长", "rank": "正处级", "role": "unit_staff"},
                     "managing_unit": "org:bench", "summary": "群众反映工作作风问题，推诿扯皮",
                     "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"},
                     "evidence_refs": [f"petition-{n}"]},
        })
    return [app.mapper.to_stored_event(e) for e in record.collect_events()]


def store_log(app: ServiceApplication, dsn: str, events: int) -> None:
    """Fill the application's empty events table with `events` stored events."""
    from services.audit.domain.record import CadreRecord

    recorder: Any = app.recorder
    table = SQL("{}.{}").format(Identifier(recorder.datastore.schema),
                                Identifier(recorder.events_table_name))
    template = _template(app)
    writer = getattr(app.mapper, "writer", None)  # the audit store's writer proof on every row
    copy = SQL("COPY {} (originator_id, originator_version, topic, state) FROM STDIN").format(table)
    with psycopg.connect(dsn) as conn, conn.cursor() as cur, cur.copy(copy) as out:
        for k in range(events // EVENTS_PER_RECORD):
            cadre_id = f"rb-{k:07d}"
            originator = CadreRecord.create_id(cadre_id)
            needle, value = TEMPLATE.encode(), cadre_id.encode()
            for stored in template:
                state = _restated(writer, stored, originator, needle, value)
                out.write_row((originator, stored.originator_version, stored.topic, state))


def _restated(writer: Any, stored: Any, originator: Any, needle: bytes, value: bytes) -> bytes:
    """The template row for another cadre: its content with the id changed and, where the store
    proves its writer, a proof made afresh for the new row (as the service itself writes it)."""
    from services.audit.adapters.writer_proof import MAC_SIZE, WRITER_PROOF_MAGIC

    state: bytes = stored.state
    if writer is None or not state.startswith(WRITER_PROOF_MAGIC):
        return state.replace(needle, value)
    content = state[len(WRITER_PROOF_MAGIC) + MAC_SIZE:].replace(needle, value)
    mac = writer.mac(originator, stored.originator_version, stored.topic, content)
    return bytes(WRITER_PROOF_MAGIC + mac + content)


def measure(rebuild: Callable[[], int], events: int) -> float:
    """Events/s of one full rebuild."""
    start = time.perf_counter()
    position = rebuild()
    elapsed = time.perf_counter() - start
    if position < events:
        raise AssertionError(f"rebuild stopped at {position} of {events}")
    return events / elapsed
