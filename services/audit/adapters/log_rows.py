"""The audit's own notification log read back as the rows the hash chain covers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventsourcing.persistence import Notification, ProcessRecorder
from eventsourcing.utils import get_topic

from services.audit.domain.checkpoint import Checkpoint
from services.audit.domain.verification import Row

# Checkpoints seal the rows; they are not themselves links of the chain (their signatures and
# their previous-head links protect them), otherwise sealing would never catch up with itself.


def event_topic(aggregate: type, name: str) -> str:
    """The stored topic of an event class the @event decorator made on an aggregate."""
    return get_topic(getattr(aggregate, name))


CHECKPOINT_TOPIC = event_topic(Checkpoint, "Sealed")
PAGE = 1000


def _state(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {"undecodable_hex": raw.hex()}


def row_of(notification: Notification) -> Row:
    return Row(notification.id, {
        "notification_id": notification.id,
        "originator_id": str(notification.originator_id),
        "originator_version": notification.originator_version,
        "topic": notification.topic,
        "state": _state(bytes(notification.state)),
    })


def log_rows(recorder: ProcessRecorder, after: int = 0, limit: int | None = None) -> Iterator[Row]:
    """Rows after a position, in log order, checkpoints left out."""
    position, given = after, 0
    while True:
        size = PAGE if limit is None else min(PAGE, limit - given + 1)  # +1: a checkpoint row
        page = recorder.select_notifications(position, size, inclusive_of_start=False)
        for notification in page:
            position = notification.id
            if notification.topic == CHECKPOINT_TOPIC:
                continue
            yield row_of(notification)
            given += 1
            if limit is not None and given >= limit:
                return
        if len(page) < size:
            return
