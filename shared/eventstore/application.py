"""The base of every service's eventsourcing Application: tracked saves, traced events, wake-ups.

Inbound integration events are processed exactly once by saving their effects together with a
tracking record named after the message (an inbox keyed by message id) in one transaction: a
re-delivered or re-sent message then fails the tracking insert and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    ProcessRecorder,
    Recording,
    Tracking,
    Transcoding,
)

from shared.eventstore.tracing_mapper import TracingMapper


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


class ServiceApplication(Application[UUID]):
    """An Application whose recorder is a ProcessRecorder and whose events carry trace context."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self._listeners: list[Callable[[], None]] = []

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=TracingMapper)

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

    def save(  # type: ignore[override]
        self, *objs: Any, tracking: Tracking | None = None, **kwargs: Any
    ) -> list[Recording[UUID]]:
        processing_event: ProcessingEvent[UUID] = ProcessingEvent(tracking=tracking)
        processing_event.collect_events(*objs, **kwargs)
        if not processing_event.events:
            if tracking is not None:
                self.process_recorder.insert_tracking(tracking)
            return []
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        for listener in self._listeners:
            listener()
        return recordings

    def has_processed(self, tracking: Tracking) -> bool:
        return self.process_recorder.has_tracking_id(
            tracking.application_name, tracking.notification_id
        )
