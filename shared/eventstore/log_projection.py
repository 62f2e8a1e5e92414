"""A read model that follows the service's own notification log from a position.

Built from the stored events at start-up and kept current by tailing the log before each use, so
nothing it knows lives only in memory: a restart re-derives it completely.
"""

from __future__ import annotations

import threading

from shared.eventstore.application import ServiceApplication

PAGE = 1000


class LogProjection:
    def __init__(self, app: ServiceApplication) -> None:
        self.app = app
        self.position = 0
        self.lock = threading.RLock()

    def catch_up(self) -> None:
        with self.lock:
            while True:
                notifications = self.app.process_recorder.select_notifications(self.position + 1, PAGE)
                for notification in notifications:
                    self.apply(self.app.mapper.to_domain_event(notification))
                    self.position = notification.id
                if len(notifications) < PAGE:
                    break
            self.settle()

    def apply(self, domain_event: object) -> None:
        """Take one stored event into account."""

    def settle(self) -> None:
        """Called after each catch-up, still under the lock."""
