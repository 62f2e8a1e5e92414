"""The actor stored with every event a person's command caused.

Stored events have no metadata column, so, as with the trace context, the actor is kept as an
event field the domain never sees (decorated methods receive only their own parameters). The
HTTP edge names the actor (`shared.access.acting.Acting`, from the verified token); the outbox
relay reads it back into the integration event's envelope.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

ACTOR = "actor"


class Actor(Protocol):
    def record(self) -> dict[str, Any]: ...


def stamp_actor(events: Iterable[Any], acting: Actor | None) -> None:
    """Store the actor on each event (set on the object too, so the in-memory event equals what
    is stored)."""
    if acting is None:
        return
    record = acting.record()
    for domain_event in events:
        vars(domain_event).setdefault(ACTOR, record)


def actor_of(domain_event: Any) -> dict[str, Any] | None:
    """The actor stored with a domain event (None for what a service did by itself)."""
    value = vars(domain_event).get(ACTOR)
    return value if isinstance(value, dict) else None
