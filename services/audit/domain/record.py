"""The documentary record (纪实) of one cadre: every integration event about them, in order."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.audit.domain.entries import Entry, signal_key
from services.audit.domain.links import CaseLinks
from services.audit.domain.timing import select


class CadreRecord(Aggregate):
    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-record:{cadre_id}")

    @event("Started")
    def __init__(self, cadre_id: str) -> None:
        self.cadre_id = cadre_id
        self.entries: list[dict[str, Any]] = []
        self.event_ids: set[str] = set()
        self.signal_keys: set[str] = set()
        self.links = CaseLinks()

    def record(self, entry: Entry) -> bool:
        """Append the entry unless it is already recorded; True when appended. The inbox stops a
        re-delivered message; this stops a re-published event id and a re-sent signal (the same
        reporter's signal id under a new message id, or once from the producer and once over HTTP)."""
        if entry["event_id"] in self.event_ids:
            return False
        key = signal_key(entry)
        if key is not None and key in self.signal_keys:
            return False
        self._entry_recorded(entry)
        return True

    @event("EntryRecorded")
    def _entry_recorded(self, entry: dict[str, Any]) -> None:
        self.entries.append(entry)
        self.event_ids.add(entry["event_id"])
        key = signal_key(entry)
        if key is not None:
            self.signal_keys.add(key)
        self.links.learn(entry)

    def case_of(self, entry: Entry) -> str | None:
        return self.links.case_of(entry)

    def entries_of_concern(self, concern_id: str) -> list[Entry]:
        """Entries recorded about a concern before its case was known (identification stage)."""
        return [e for e in self.entries if self.links.concern_of(e) == concern_id]

    def timeline(self, as_of: datetime | None = None,
                 as_known_at: datetime | None = None) -> list[dict[str, Any]]:
        """The entries in effect by `as_of` that the record knew by `as_known_at` (timing.py)."""
        return select(self.entries, as_of, as_known_at)
