"""Building blocks for a service's outbox translator (domain event → integration events)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.utils import get_topic

from shared.contract.codec import envelope_for
from shared.contract.envelope import Envelope, stable_event_id
from shared.contract.events import Payload
from shared.eventstore.actor import actor_of

Route = Callable[[Any], Sequence[Payload]]


def envelope_from(source: str, domain_event: Any, payload: Payload, cadre_id: str) -> Envelope:
    """Wrap a payload; its id derives from the stored event, so re-publishing repeats the id.
    A later version published beside the first gets its own id (the same one would be dropped as
    a duplicate); version 1 keeps the id it always had."""
    parts: list[object] = [source, domain_event.originator_id, domain_event.originator_version,
                           payload.type_name()]
    if payload.event_version > 1:
        parts.append(f"v{payload.event_version}")
    event_id = stable_event_id(*parts)
    return envelope_for(
        payload,
        event_id=event_id,
        source=source,
        cadre_id=cadre_id,
        occurred_at=domain_event.timestamp,
        actor=actor_of(domain_event),
    )


def translator(
    source: str, routes: dict[type, Route], cadre_of: Callable[[Any, Payload], str]
) -> Callable[[Any], list[Envelope]]:
    """A translator that maps each domain event class by a plain dict; others publish nothing."""

    def translate(domain_event: Any) -> list[Envelope]:
        route = routes.get(type(domain_event))
        if route is None:
            return []
        return [
            envelope_from(source, domain_event, payload, cadre_of(domain_event, payload))
            for payload in route(domain_event)
        ]

    # The relay skips stored events of other topics without decoding them.
    translate.topics = frozenset(get_topic(cls) for cls in routes)  # type: ignore[attr-defined]
    return translate
