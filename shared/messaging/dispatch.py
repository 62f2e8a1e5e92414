"""Routes inbound integration events to a service's handlers by event type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from eventsourcing.persistence import Tracking

from shared.contract.codec import IntegrationEvent
from shared.eventstore.application import ServiceApplication

App = TypeVar("App", bound=ServiceApplication)
ServiceHandler = Callable[[App, IntegrationEvent, Tracking], None]


def dispatcher(
    app: App, handlers: Mapping[str, ServiceHandler[App]]
) -> Callable[[IntegrationEvent, Tracking], None]:
    def dispatch(event: IntegrationEvent, tracking: Tracking) -> None:
        handler = handlers.get(event.type)
        if handler is None:
            app.save(tracking=tracking)  # not ours to act on, but processed
            return
        handler(app, event, tracking)

    return dispatch
