"""The documentary record of one adjustment case (IM 32: whoever handles a case records it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.audit.domain.dossier import case_state
from services.audit.domain.entries import Entry
from services.audit.domain.timing import select


class CaseFile(Aggregate):
    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-case:{case_id}")

    @event("Opened")
    def __init__(self, case_id: str, cadre_id: str) -> None:
        self.case_id = case_id
        self.cadre_id = cadre_id
        self.entries: list[dict[str, Any]] = []
        self.event_ids: set[str] = set()

    def record(self, entry: Entry) -> bool:
        if entry["event_id"] in self.event_ids:
            return False
        self._entry_recorded(entry)
        return True

    @event("EntryRecorded")
    def _entry_recorded(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)
        self.event_ids.add(entry["event_id"])

    def timeline(self, as_of: datetime | None = None, as_known_at: datetime | None = None) -> list[Entry]:
        return select(self.entries, as_of, as_known_at)

    def state(self, as_of: datetime | None = None, as_known_at: datetime | None = None) -> dict[str, Any]:
        """The case as it stood in effect at `as_of`, as known at `as_known_at`: the five IM 32
        fields, appeals and corrections."""
        return case_state(self.case_id, self.cadre_id, self.timeline(as_of, as_known_at))
