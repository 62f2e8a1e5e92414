"""The index of one cadre's concerns: which one is open, and all of them in order."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class CadreConcerns(Aggregate):
    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:concerns:{cadre_id}")

    @event("Started")
    def __init__(self, cadre_id: str) -> None:
        self.cadre_id = cadre_id
        self.concern_ids: list[UUID] = []
        self.open_concern_id: UUID | None = None

    @event("ConcernAdded")
    def add(self, concern_id: UUID) -> None:
        self.concern_ids.append(concern_id)
        self.open_concern_id = concern_id

    @event("ConcernClosed")
    def close(self, concern_id: UUID) -> None:
        if self.open_concern_id == concern_id:
            self.open_concern_id = None

    @event("ConcernReopened")
    def reopen(self, concern_id: UUID) -> None:
        """A withdrawn determination reopens its concern (when no other is open)."""
        self.open_concern_id = concern_id
