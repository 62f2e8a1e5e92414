"""Deadlines still open, derived from the log: salary formalities (IM 21) and quota absorption (IM 25).

The periodic scan reads this instead of loading every case; the aggregate events that close a
deadline (completed, absorbed, or flagged overdue) remove it, so each miss is flagged once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.quota import PostQuota
from shared.eventstore.log_projection import LogProjection
from shared.eventstore.tracing_mapper import traceparent_of


@dataclass(frozen=True)
class OpenDeadline:
    kind: str  # "salary" (IM 21) or "absorption" (IM 25)
    aggregate_id: UUID
    case_id: str
    due_on: date
    traceparent: str | None


class OpenDeadlines(LogProjection):
    event_classes = (
        AdjustmentCase.FormalitiesCompleted, AdjustmentCase.SalaryFormalitiesCompleted,
        AdjustmentCase.FormalitiesOverdueDetected, PostQuota.PlacedOverQuota, PostQuota.Released,
        PostQuota.QuotaSet, PostQuota.AbsorptionOverdueDetected,
    )

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.salary: dict[UUID, OpenDeadline] = {}
        self.absorption: dict[tuple[UUID, str], OpenDeadline] = {}

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        origin = domain_event.originator_id
        if isinstance(domain_event, AdjustmentCase.FormalitiesCompleted):
            if not state["formalities"].get("salary_formalities_late_at_recording"):
                self.salary[origin] = OpenDeadline(
                    "salary", origin, str(origin), state["salary_formalities_due_on"],
                    traceparent_of(domain_event),
                )
        elif isinstance(domain_event, (AdjustmentCase.SalaryFormalitiesCompleted,
                                       AdjustmentCase.FormalitiesOverdueDetected)):
            self.salary.pop(origin, None)
        elif isinstance(domain_event, PostQuota.PlacedOverQuota):
            key = (origin, state["case_id"])
            self.absorption[key] = OpenDeadline("absorption", origin, state["case_id"], state["absorb_by"],
                                                traceparent_of(domain_event))
        elif isinstance(domain_event, (PostQuota.Released, PostQuota.QuotaSet)):
            for case_id in state["absorbed"]:
                self.absorption.pop((origin, case_id), None)
        elif isinstance(domain_event, PostQuota.AbsorptionOverdueDetected):
            self.absorption.pop((origin, state["case_id"]), None)

    def missed(self, today: date) -> tuple[list[OpenDeadline], list[OpenDeadline]]:
        """Salary and absorption deadlines whose last day is before today (art. 203(2))."""
        self.catch_up()
        with self.lock:
            return (
                [d for d in self.salary.values() if today > d.due_on],
                [d for d in self.absorption.values() if today > d.due_on],
            )
