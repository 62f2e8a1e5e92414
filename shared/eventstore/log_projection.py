"""A read model that follows the service's own notification log from a position.

Built from the stored events at start-up and kept current by tailing the log before each use, so
nothing it knows lives only in memory: a restart re-derives it completely.

A projection names the domain event classes it looks at (`event_classes`; their subclasses count
too): only those are read and decoded, so a service's other events (say, the standing of every
cadre a burst of signals touched) cost a projection nothing. Its position then moves to the end
of the log as it stood before the read: the events table is written under a lock that makes
insert order commit order, so nothing at or below that end can still appear.
"""

from __future__ import annotations

import threading

from eventsourcing.utils import get_topic

from shared.eventstore.application import ServiceApplication

PAGE = 1000


class LogProjection:
    # The domain event classes apply() takes into account; None: every stored event.
    event_classes: tuple[type, ...] | None = None

    def __init__(self, app: ServiceApplication) -> None:
        self.app = app
        self.position = 0
        self.lock = threading.RLock()
        self._topics: list[str] | None = None

    def topics(self) -> list[str]:
        """The stored topics of the event classes and their subclasses ([] for all events)."""
        if self._topics is None:
            classes: set[type] = set()
            pending = list(self.event_classes or ())
            while pending:
                cls = pending.pop()
                if cls not in classes:
                    classes.add(cls)
                    pending += cls.__subclasses__()
            self._topics = sorted(get_topic(cls) for cls in classes)
        return self._topics

    def catch_up(self) -> None:
        recorder = self.app.process_recorder
        topics = self.topics()
        with self.lock:
            while True:
                end = recorder.max_notification_id() if topics else None
                notifications = recorder.select_notifications(
                    self.position + 1, PAGE, stop=end, topics=topics)
                for notification in notifications:
                    self.apply(self.app.mapper.to_domain_event(notification))
                    self.position = notification.id
                if len(notifications) < PAGE:
                    self.position = max(self.position, end or 0)
                    break
            self.settle()

    def apply(self, domain_event: object) -> None:
        """Take one stored event into account."""

    def settle(self) -> None:
        """Called after each catch-up, still under the lock."""
