"""Everything the feeds said about one subject (a cadre or a unit), and which hits were raised.

The rule engine needs history ("two consecutive years", "four consecutive rounds") and several
feeds at once (WY 9(5)), so facts are kept per subject; a hit is raised once per key.
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.identification.domain.feed_facts import check_no_contradiction


class SubjectLedger(Aggregate):
    @staticmethod
    def create_id(kind: str, subject_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:feed-ledger:{kind}:{subject_id}")

    @event("Started")
    def __init__(self, kind: str, subject_id: str) -> None:
        self.kind = kind
        self.subject_id = subject_id
        self.facts: list[dict[str, Any]] = []
        self.record_ids: list[str] = []
        self.raised: list[str] = []
        self.cadre: dict[str, Any] | None = None
        self.roles: list[str] = []
        self.holders: dict[str, dict[str, Any]] = {}
        self.jurisdiction = ""
        self.managing_unit = ""

    def record(
        self, *, record_key: str, feed: str, fact: dict[str, Any], jurisdiction: str,
        managing_unit: str, cadre: dict[str, Any] | None, roles: list[str],
        holders: dict[str, dict[str, Any]],
    ) -> None:
        """Keep one fact; a contradicting value for the same feed and period is refused."""
        check_no_contradiction(self.facts, feed, fact)
        self._fact_recorded(record_key=record_key, feed=feed, fact=fact, jurisdiction=jurisdiction,
                            managing_unit=managing_unit, cadre=cadre, roles=roles, holders=holders)

    @event("FactRecorded")
    def _fact_recorded(
        self, record_key: str, feed: str, fact: dict[str, Any], jurisdiction: str,
        managing_unit: str, cadre: dict[str, Any] | None, roles: list[str],
        holders: dict[str, dict[str, Any]],
    ) -> None:
        self.facts.append({"record_id": record_key, "feed": feed, "fact": fact})
        self.record_ids.append(record_key)
        self.jurisdiction, self.managing_unit = jurisdiction, managing_unit
        # The latest record says who the subject is now and who holds which role in a unit.
        if cadre is not None:
            self.cadre = cadre
        if roles:
            self.roles = roles
        self.holders.update(holders)

    def has_record(self, record_key: str) -> bool:
        return record_key in self.record_ids

    def raise_hits(self, keys: list[str]) -> None:
        fresh = [key for key in keys if key not in self.raised]
        if fresh:
            self._hits_raised(keys=fresh)

    @event("HitsRaised")
    def _hits_raised(self, keys: list[str]) -> None:
        self.raised.extend(keys)
