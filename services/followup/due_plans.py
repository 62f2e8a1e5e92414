"""The read model of plans still waiting for eligibility, derived from the service's own log.

It is rebuilt from the stored events at start-up and kept current by tailing the notification log,
so no deadline lives only in memory: a restart re-derives every clock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.followup.domain.plan import FollowUpPlan
from shared.eventstore.application import ServiceApplication
from shared.eventstore.tracing_mapper import traceparent_of

TOPICS_PAGE = 1000


@dataclass(frozen=True)
class DuePlan:
    plan_id: UUID
    ends_on: date | None
    traceparent: str | None


class DuePlans:
    def __init__(self, app: ServiceApplication) -> None:
        self.app = app
        self.position = 0
        self.waiting: dict[UUID, DuePlan] = {}
        self._lock = threading.Lock()

    def catch_up(self) -> None:
        with self._lock:
            while True:
                notifications = self.app.process_recorder.select_notifications(
                    self.position + 1, TOPICS_PAGE
                )
                for notification in notifications:
                    self._apply(self.app.mapper.to_domain_event(notification))
                    self.position = notification.id
                if len(notifications) < TOPICS_PAGE:
                    return

    def _apply(self, domain_event: object) -> None:
        if isinstance(domain_event, FollowUpPlan.Opened):
            plan_id = domain_event.originator_id
            ends_on = vars(domain_event)["impact_period_ends_on"]
            self.waiting[plan_id] = DuePlan(plan_id, ends_on, traceparent_of(domain_event))
        elif isinstance(domain_event, FollowUpPlan.BecameEligible):
            self.waiting.pop(domain_event.originator_id, None)

    def due(self, today: date) -> list[DuePlan]:
        """Plans whose impact period ended before today (the last day itself is still inside)."""
        return [p for p in self.waiting.values() if p.ends_on is None or today > p.ends_on]
