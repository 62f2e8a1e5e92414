"""A mapper that stores the W3C traceparent with every event.

Stored events have no metadata column, so the trace context is kept as an event field: the domain
never sees it (decorated methods receive only their own parameters), the outbox relay reads it back
to continue the trace on NATS.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Mapper, StoredEvent

from shared.tracing import current_traceparent

TRACEPARENT = "traceparent"


class TracingMapper(Mapper[Any]):
    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        self.trace(domain_event)
        return super().to_stored_event(domain_event)

    @staticmethod
    def trace(domain_event: Any) -> None:
        """Keep the current trace context on the event, unless it already has one."""
        state = vars(domain_event)
        if TRACEPARENT not in state:
            traceparent = current_traceparent()
            if traceparent is not None:
                # Set on the object too, so the in-memory event equals what is stored.
                state[TRACEPARENT] = traceparent


def traceparent_of(domain_event: Any) -> str | None:
    value = vars(domain_event).get(TRACEPARENT)
    return value if isinstance(value, str) else None
