"""The base of every service's eventsourcing Application: tracked saves, traced events, wake-ups.

Inbound integration events are processed exactly once by saving their effects together with a
tracking record named after the message (an inbox keyed by message id) in one transaction: a
re-delivered or re-sent message then fails the tracking insert and changes nothing.

On PostgreSQL the events and the tracking records are written in one transaction that takes the
events table's lock first (insert order = commit order, so a log reader such as the outbox relay
never steps over an event): see writes.py, and postgres_recorder.py for why the library's own
path is not used. A batch
(`with app.batch():`) collects the saves of many inbound messages, each with its own tracking
record, and commits them in one transaction: one commit instead of one per message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import (
    AggregateNotFoundError,
    Application,
    ProcessingEvent,
    Repository,
)
from eventsourcing.domain import BaseAggregate
from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    Notification,
    ProcessRecorder,
    Recording,
    StoredEvent,
    Tracking,
    Transcoder,
    Transcoding,
)
from eventsourcing.postgres import PostgresProcessRecorder
from psycopg.sql import SQL, Identifier

from shared.eventstore.actor import Actor, stamp_actor
from shared.eventstore.preload import load_many, projected
from shared.eventstore.tracing_mapper import TracingMapper
from shared.eventstore.transcoder import FastDecodingTranscoder
from shared.eventstore.writes import write


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
        self.preloaded: dict[UUID, Any] = {}  # None: known not to exist


class _BatchAwareRepository(Repository[UUID]):
    def __init__(self, current: Callable[[], _Batch | None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._current = current

    def get(self, aggregate_id: UUID, *, version: int | None = None, **kwargs: Any) -> Any:
        batch = self._current() if version is None else None
        if batch is not None:
            if aggregate_id in batch.aggregates:
                return batch.aggregates[aggregate_id]  # saved earlier in this batch, not committed
            if aggregate_id in batch.preloaded:
                # Handed out once: a second get (say, after a failed command) loads afresh.
                aggregate = batch.preloaded.pop(aggregate_id)
                if aggregate is None:
                    raise AggregateNotFoundError(aggregate_id)
                return aggregate
        kwargs.setdefault("projector_func", projected)
        return super().get(aggregate_id, version=version, **kwargs)


class ServiceApplication(Application[UUID]):
    """An Application whose recorder is a ProcessRecorder and whose events carry trace context."""

    def __init__(self, env: dict[str, str] | None = None,
                 mapper_class: type[TracingMapper] = TracingMapper) -> None:
        # A service may store its rows its own way (the audit service proves their writer).
        self.mapper_class = mapper_class
        self._local = threading.local()
        super().__init__(env)
        self._listeners: list[Callable[[], None]] = []

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=self.mapper_class)

    def construct_repository(self) -> Repository[UUID]:
        plain = super().construct_repository()
        repository = _BatchAwareRepository(
            self._current_batch,
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

    def preload(self, aggregate_ids: Iterable[UUID]) -> dict[UUID, Any]:
        """Within a batch: load these aggregates in one query for the batch's later gets.

        Returns what it loaded (None where an aggregate does not exist), to be read, not changed,
        by a caller that derives from it what to load next. Outside a batch, or off PostgreSQL,
        it does nothing and each get loads as usual.
        """
        batch = self._current_batch()
        if batch is None or not self.can_batch:
            return {}
        wanted = [i for i in aggregate_ids if i not in batch.aggregates and i not in batch.preloaded]
        if not wanted:
            return {}
        recorder = self.recorder
        assert isinstance(recorder, PostgresProcessRecorder)
        loaded = load_many(recorder, self.mapper, self.repository, wanted)
        batch.preloaded.update(loaded)
        return loaded

    def save(  # type: ignore[override]
        self, *objs: Any, tracking: Tracking | None = None, acting: Actor | None = None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        """Store the aggregates' new events (with the inbox record, if any); `acting` names the
        authenticated principal whose command caused them, stored on every one of them."""
        processing_event = _collected(objs, tracking, kwargs)
        stamp_actor(processing_event.events, acting)
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
        ids = write(recorder, stored, trackings)
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


def _collected(
    objs: Sequence[Any], tracking: Tracking | None, kwargs: dict[str, Any]
) -> ProcessingEvent[UUID]:
    """ProcessingEvent.collect_events, with aggregates recognised by class: the library asks two
    runtime-checkable protocols per object, which costs more than collecting the events (measured
    here: a tenth of the CPU time of storing a signal)."""
    processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking=tracking)
    for obj in objs:
        if isinstance(obj, BaseAggregate):
            processing_event.events.extend(obj.collect_events())
            processing_event.aggregates[obj.id] = obj
        elif obj is not None:
            processing_event.collect_events(obj)
    processing_event.saved_kwargs.update(kwargs)
    return processing_event
