"""A read model that follows the service's own notification log.

Rebuilt from the stored events at start-up (position 0) and kept current by reading on from its
position before every query or scan, so nothing it knows lives only in memory.
"""

from __future__ import annotations

import threading
from typing import Any

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
                    return

    def apply(self, domain_event: Any) -> None:
        raise NotImplementedError
