"""A follow-up plan: what happens to one adjusted cadre until reinstatement is possible."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class FollowUpPlan(Aggregate):
    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:followup-plan:{case_id}")

    @event("Opened")
    def __init__(
        self,
        case_id: str,
        cadre_id: str,
        pack_id: str,
        method: str,
        effective_on: date,
        former_post: str,
        former_rank: str,
        impact_period_ends_on: date | None,
        bar: str,
        citation: str,
    ) -> None:
        self.case_id = case_id
        self.cadre_id = cadre_id
        self.pack_id = pack_id
        self.method = method
        self.effective_on = effective_on
        self.former_post = former_post
        self.former_rank = former_rank
        self.impact_period_ends_on = impact_period_ends_on
        self.bar = bar
        self.citation = citation
        self.eligible_on: date | None = None
        self.eligibility_reasons: list[str] = []

    def is_due(self, today: date) -> bool:
        """Eligibility falls due the day after the period's last day (the period ends at midnight)."""
        if self.eligible_on is not None:
            return False
        ends = self.impact_period_ends_on
        return ends is None or today > ends

    def declare_eligible(self, today: date, open_concerns: int) -> bool:
        """Record eligibility once the period is over and nothing stands against it."""
        if not self.is_due(today) or open_concerns > 0:
            return False
        reasons = [
            f"impact period under {self.citation} ended on {self.impact_period_ends_on}"
            if self.impact_period_ends_on
            else f"no impact period for {self.method} under {self.citation}",
            "no open concern about the cadre",
        ]
        self._became_eligible(eligible_on=today, reasons=reasons, cadre_id=self.cadre_id)
        return True

    @event("BecameEligible")
    def _became_eligible(self, eligible_on: date, reasons: list[str], cadre_id: str) -> None:
        self.eligible_on = eligible_on
        self.eligibility_reasons = reasons

    def snapshot(self) -> dict[str, Any]:
        return {
            "plan_id": str(self.id),
            "case_id": self.case_id,
            "cadre_id": self.cadre_id,
            "pack_id": self.pack_id,
            "method": self.method,
            "effective_on": self.effective_on.isoformat(),
            "impact_period_ends_on": (
                self.impact_period_ends_on.isoformat() if self.impact_period_ends_on else None
            ),
            "bar": self.bar,
            "citation": self.citation,
            "eligible_on": self.eligible_on.isoformat() if self.eligible_on else None,
            "eligibility_reasons": self.eligibility_reasons,
        }
