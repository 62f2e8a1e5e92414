"""What follow-up knows of a cadre from other services: open concerns, pending appeals, and the
post and level the cadre register (kept by identification) says they hold."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class CadreStanding(Aggregate):
    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:followup-standing:{cadre_id}")

    @event("Started")
    def __init__(self, cadre_id: str) -> None:
        self.cadre_id = cadre_id
        self.open_concerns: list[str] = []
        self.plan_ids: list[str] = []
        self.pending_appeals: dict[str, str] = {}
        self.register_post: dict[str, str] | None = None

    @event("ConcernOpened")
    def concern_opened(self, concern_id: str) -> None:
        if concern_id not in self.open_concerns:
            self.open_concerns.append(concern_id)

    @event("ConcernClosed")
    def concern_closed(self, concern_id: str) -> None:
        if concern_id in self.open_concerns:
            self.open_concerns.remove(concern_id)

    @event("PlanAdded")
    def plan_added(self, plan_id: str) -> None:
        self.plan_ids.append(plan_id)

    @event("AppealLodged")
    def appeal_lodged(self, appeal_id: str, case_id: str, lodged_on: date) -> None:
        """A review or appeal is pending until decided (IM 22); it stands against promotion."""
        self.pending_appeals[appeal_id] = case_id

    @event("AppealDecided")
    def appeal_decided(self, appeal_id: str, outcome: str, decided_on: date) -> None:
        self.pending_appeals.pop(appeal_id, None)

    @event("RegisterNoted")
    def register_noted(self, post: dict[str, str], effective_on: date) -> None:
        """The post, rank and level the register records from a date (promotion is judged on it)."""
        self.register_post = post
