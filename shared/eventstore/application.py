"""The base of every service's eventsourcing Application: tracked saves, traced events, wake-ups.

Inbound integration events are processed exactly once by saving their effects together with a
tracking record named after the message (an inbox keyed by message id) in one transaction: a
re-delivered or re-sent message then fails the tracking insert and changes nothing.

On PostgreSQL the events and the tracking records are written here, in one transaction that
takes the events table's lock first (insert order = commit order, so a log reader such as the
outbox relay never steps over an event), through the library's insert function when database
functions are on (see postgres_recorder.py for why the library's own path is not used). A batch
(`with app.batch():`) collects the saves of many inbound messages, each with its own tracking
record, and commits them in one transaction: one commit instead of one per message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent, Repository
from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    JSONTranscoder,
    Mapper,
    Notification,
    OperationalError,
    ProcessRecorder,
    Recording,
    StoredEvent,
    Tracking,
    Transcoder,
    Transcoding,
)
from eventsourcing.postgres import PostgresProcessRecorder
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.sql import SQL, Identifier

from shared.eventstore.tracing_mapper import TracingMapper
from shared.eventstore.transcoder import FastDecodingTranscoder


class DateAsISO(Transcoding):
    """Calendar dates (effective dates, deadlines) stored as ISO strings."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def inbox_tracking(consumer: str, message_id: str) -> Tracking:
    """The tracking record that marks one inbound message as processed by one consumer."""
    return Tracking(application_name=f"inbox:{consumer}:{message_id}", notification_id=1)


class _Batch:
    """Saves collected in one thread, committed together; later saves see earlier aggregates."""

    def __init__(self) -> None:
        self.processing: list[ProcessingEvent[UUID]] = []
        self.stored: list[StoredEvent] = []
        self.trackings: list[Tracking] = []
        self.aggregates: dict[UUID, Any] = {}


class _BatchAwareRepository(Repository[UUID]):
    def __init__(self, pending: Callable[[], dict[UUID, Any] | None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending = pending

    def get(self, aggregate_id: UUID, *, version: int | None = None, **kwargs: Any) -> Any:
        pending = self._pending() if version is None else None
        if pending is not None and aggregate_id in pending:
            return pending[aggregate_id]  # saved earlier in this batch, not yet committed
        return super().get(aggregate_id, version=version, **kwargs)


class ServiceApplication(Application[UUID]):
    """An Application whose recorder is a ProcessRecorder and whose events carry trace context."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self._local = threading.local()
        super().__init__(env)
        self._listeners: list[Callable[[], None]] = []

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=TracingMapper)

    def construct_repository(self) -> Repository[UUID]:
        plain = super().construct_repository()
        repository = _BatchAwareRepository(
            lambda: getattr(self._current_batch(), "aggregates", None),
            event_store=plain.event_store, snapshot_store=plain.snapshot_store,
            fastforward=plain.fastforward, fastforward_skipping=plain.fastforward_skipping,
            deepcopy_from_cache=plain.deepcopy_from_cache,
        )
        repository.cache = plain.cache
        return repository

    def construct_transcoder(self) -> Transcoder:
        if self.env.get(self.factory.TRANSCODER_TOPIC):
            return super().construct_transcoder()
        transcoder = FastDecodingTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def construct_recorder(self) -> ProcessRecorder:
        return self.factory.process_recorder()

    @property
    def process_recorder(self) -> ProcessRecorder:
        assert isinstance(self.recorder, ProcessRecorder)
        return self.recorder

    def on_recorded(self, listener: Callable[[], None]) -> None:
        """Call listener (from the saving thread) after each successful write."""
        self._listeners.append(listener)

    def _current_batch(self) -> _Batch | None:
        return getattr(self._local, "batch", None)

    @property
    def can_batch(self) -> bool:
        return isinstance(self.recorder, PostgresProcessRecorder)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect this thread's saves and commit them in one transaction when the block ends.

        If the block raises, or the commit fails (e.g. a tracking record already exists), nothing
        of the batch is stored: the caller processes the messages one by one instead.
        """
        if self._current_batch() is not None:
            raise RuntimeError("batches do not nest")
        batch = self._local.batch = _Batch()
        try:
            yield
        finally:
            self._local.batch = None
        if batch.stored or batch.trackings:
            self._commit(batch.processing, batch.stored, batch.trackings)

    def save(  # type: ignore[override]
        self, *objs: Any, tracking: Tracking | None = None, **kwargs: Any
    ) -> list[Recording[UUID]]:
        processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking=tracking)
        processing_event.collect_events(*objs, **kwargs)
        trackings = [tracking] if tracking is not None else []
        if not self.can_batch:
            return self._save_with_library(processing_event)
        # Mapped now, in the caller's trace context, so each message's events keep their trace.
        stored = [self.mapper.to_stored_event(e) for e in processing_event.events]
        batch = self._current_batch()
        if batch is not None:
            batch.processing.append(processing_event)
            batch.stored += stored
            batch.trackings += trackings
            batch.aggregates.update(processing_event.aggregates)
            return []
        if not stored and not trackings:
            return []
        return self._commit([processing_event], stored, trackings)

    def _save_with_library(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        if not processing_event.events:
            if processing_event.tracking is not None:
                self.process_recorder.insert_tracking(processing_event.tracking)
            return []
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._after_write(recordings)
        return recordings

    def _commit(
        self, processing: Sequence[ProcessingEvent[UUID]], stored: Sequence[StoredEvent],
        trackings: Sequence[Tracking],
    ) -> list[Recording[UUID]]:
        recorder = self.recorder
        assert isinstance(recorder, PostgresProcessRecorder)
        ids = _write(recorder, stored, trackings)
        events = [event for p in processing for event in p.events]
        recordings = [
            Recording(event, Notification(id=n, originator_id=s.originator_id,
                                          originator_version=s.originator_version,
                                          topic=s.topic, state=s.state))
            for event, s, n in zip(events, stored, ids, strict=True)
        ]
        for processing_event in processing:
            self._take_snapshots(processing_event)
        self._after_write(recordings)
        return recordings

    def _after_write(self, recordings: list[Recording[UUID]]) -> None:
        self._notify(recordings)
        for listener in self._listeners:
            listener()

    def has_processed(self, tracking: Tracking) -> bool:
        return self.process_recorder.has_tracking_id(
            tracking.application_name, tracking.notification_id
        )

    def processed_among(self, trackings: Sequence[Tracking]) -> set[str]:
        """The application names of those tracking records already stored (one query)."""
        recorder = self.recorder
        if not isinstance(recorder, PostgresProcessRecorder) or not trackings:
            return {t.application_name for t in trackings if self.has_processed(t)}
        query = SQL("SELECT application_name FROM {}.{} WHERE application_name = ANY(%s)").format(
            Identifier(recorder.datastore.schema), Identifier(recorder.tracking_table_name))
        with recorder.datastore.transaction(commit=False) as curs:
            curs.execute(query, ([t.application_name for t in trackings],), prepare=True)
            return {row["application_name"] for row in curs.fetchall()}


@retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
def _write(
    recorder: PostgresProcessRecorder, stored: Sequence[StoredEvent], trackings: Sequence[Tracking]
) -> list[int]:
    """Tracking records and events in one transaction; IntegrityError if any tracking exists."""
    datastore = recorder.datastore
    with datastore.transaction(commit=True) as curs:
        if stored:
            # First, as the library does: insert order must equal commit order, or the relay
            # could step over an event for good; and one lock order for every writer.
            recorder._lock_table(curs)  # noqa: SLF001
        _insert_trackings(recorder, curs, trackings)
        if not stored:
            return []
        rows = [recorder.construct_pg_stored_event(s.originator_id, s.originator_version, s.topic,
                                                   s.state) for s in stored]
        if datastore.enable_db_functions:
            curs.execute(recorder.sql_invoke_pg_function_insert_events, (rows,), prepare=True)
            return [row[recorder.pg_function_name_insert_events] for row in curs.fetchall()]
        recorder._notify_channel(curs)  # noqa: SLF001 - what the library's statement path does
        curs.execute(recorder.insert_events_statement, (rows,))
        return [row["notification_id"] for row in curs.fetchall()]


def _insert_trackings(
    recorder: PostgresProcessRecorder, curs: Cursor[Any], trackings: Sequence[Tracking]
) -> None:
    if len(trackings) == 1:
        recorder._insert_tracking(curs, trackings[0])  # noqa: SLF001
        return
    if not trackings:
        return
    names = [t.application_name for t in trackings]
    if len(set(names)) != len(names):
        raise IntegrityError("one message twice in one transaction")
    table = (Identifier(recorder.datastore.schema), Identifier(recorder.tracking_table_name))
    rows = (names, [t.notification_id for t in trackings])
    if not recorder.datastore.single_row_tracking:
        recorder._check_has_multi_row_tracking_table(curs)  # noqa: SLF001
        # One row per record: an existing one violates the primary key (IntegrityError).
        curs.execute(SQL("INSERT INTO {0}.{1} (application_name, notification_id) "
                         "SELECT * FROM unnest(%s::text[], %s::bigint[])").format(*table), rows)
        return
    # The library's single-row statement, for many rows at once: a row is returned only where
    # the record is new or moves a position forward.
    statement = SQL(
        "INSERT INTO {0}.{1} AS t (application_name, notification_id) "
        "SELECT * FROM unnest(%s::text[], %s::bigint[]) "
        "ON CONFLICT (application_name) DO UPDATE SET notification_id = EXCLUDED.notification_id "
        "WHERE t.notification_id < EXCLUDED.notification_id RETURNING t.application_name"
    ).format(*table)
    curs.execute(statement, rows, prepare=True)
    if len(curs.fetchall()) != len(names):
        raise IntegrityError(f"already processed: some of {len(names)} tracking records exist")
