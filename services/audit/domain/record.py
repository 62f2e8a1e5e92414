"""The documentary record (纪实) of one cadre: every integration event about them, in order."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class CadreRecord(Aggregate):
    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-record:{cadre_id}")

    @event("Started")
    def __init__(self, cadre_id: str) -> None:
        self.cadre_id = cadre_id
        self.entries: list[dict[str, Any]] = []

    def record(self, entry: dict[str, Any]) -> None:
        if any(existing["event_id"] == entry["event_id"] for existing in self.entries[-50:]):
            return  # the inbox already stops duplicates; this guards a re-published event id
        self._entry_recorded(entry)

    @event("EntryRecorded")
    def _entry_recorded(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)

    def timeline(self, as_of: datetime | None = None) -> list[dict[str, Any]]:
        """The entries as the record stood at `as_of` (by when each event occurred)."""
        if as_of is None:
            return list(self.entries)
        return [e for e in self.entries if datetime.fromisoformat(e["occurred_at"]) <= as_of]
