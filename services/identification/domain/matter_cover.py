"""Whether a granted fault tolerance covers an accountability matter (WY-FT 9, LG-FT 7, 10).

While covered, the matter must not count as a circumstance against the cadre; a revocation
lifts the cover and the matter may be determined again.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class MatterCover(Aggregate):
    @staticmethod
    def create_id(matter_ref: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:matter-cover:{matter_ref}")

    @event("Started")
    def __init__(self, matter_ref: str) -> None:
        self.matter_ref = matter_ref
        self.covering_application: str | None = None

    @property
    def covered(self) -> bool:
        return self.covering_application is not None

    @event("Covered")
    def cover(self, application_id: str) -> None:
        self.covering_application = application_id

    @event("Uncovered")
    def uncover(self, application_id: str, reason: str) -> None:
        if self.covering_application == application_id:
            self.covering_application = None
