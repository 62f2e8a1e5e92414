"""The read model of plans with something due: a missed item to flag or eligibility to declare.

Each plan touched by a stored event is re-read once per catch-up and asked for its next wake-up
day, so every clock (impact-period end, talks and re-checks due) is re-derived from the stored
events after a restart; nothing waits in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.plan_records import PlanRecords
from shared.eventstore.application import ServiceApplication
from shared.eventstore.log_projection import LogProjection
from shared.eventstore.tracing_mapper import traceparent_of


@dataclass(frozen=True)
class DuePlan:
    plan_id: UUID
    wake_on: date
    traceparent: str | None


class DuePlans(LogProjection):
    event_classes = (FollowUpPlan.Opened, PlanRecords.Event)

    def __init__(self, app: ServiceApplication) -> None:
        super().__init__(app)
        self.waiting: dict[UUID, DuePlan] = {}
        self._traceparents: dict[UUID, str | None] = {}
        self._touched: set[UUID] = set()

    def apply(self, domain_event: object) -> None:
        if isinstance(domain_event, FollowUpPlan.Opened):
            self._traceparents[domain_event.originator_id] = traceparent_of(domain_event)
        if isinstance(domain_event, PlanRecords.Event):
            self._touched.add(domain_event.originator_id)

    def settle(self) -> None:
        for plan_id in self._touched:
            try:
                plan: FollowUpPlan = self.app.repository.get(plan_id)
            except AggregateNotFoundError:
                continue
            wake_on = plan.next_wake_on()
            if wake_on is None:
                self.waiting.pop(plan_id, None)
            else:
                self.waiting[plan_id] = DuePlan(plan_id, wake_on, self._traceparents.get(plan_id))
        self._touched.clear()

    def due(self, today: date) -> list[DuePlan]:
        """Plans with something to do today (a due day is still inside until it is over)."""
        with self.lock:
            self.catch_up()
            return [plan for plan in self.waiting.values() if plan.wake_on <= today]
