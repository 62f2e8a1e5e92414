"""The access log (SPEC §8): every refusal and every supervisory read, in any service.

The audit service's own records are the shared `AccessRecord` aggregates its gate saves; the other
services' arrive as `AccessRecorded` integration events and are kept as `ReportedAccess`; reads
recorded before the access policy existed are `SupervisorRead`s. All three read back as one kind
of log entry, so the history is shown as it was recorded and never rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from shared.access.policy import RECORDED_READERS, Action, grant_of

LogEntry = dict[str, Any]
# What the reads recorded before the access policy are shown as: they followed the org tree only.
PRE_POLICY_ACTION = "supervisor_read"
PRE_POLICY_VERSION = "before-access-policy"


class ReportedAccess(Aggregate):
    """An access record another service published; its id is derived from that service's record
    id, so the same record can only be kept once."""

    @staticmethod
    def create_id(record: dict[str, Any]) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:access-record:{record['service']}:{record['record_id']}")

    @event("Recorded")
    def __init__(self, event_id: str, record: dict[str, Any]) -> None:
        self.event_id = event_id  # the integration event that carried it (inclusion proofs)
        self.record = record


def _moment(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def reported_entry(record: dict[str, Any]) -> LogEntry:
    return {**record, "units": list(record.get("units") or []), "at": _moment(record["at"])}


def own_entry(record_id: UUID, e: Any) -> LogEntry:
    """An `AccessRecord.Recorded` saved by the audit service's own gate."""
    return {"record_id": str(record_id), "service": e.service, "principal": e.principal, "role": e.role,
            "unit": e.unit, "action": e.action, "what": e.what,
            "outcome": "allowed" if e.allowed else "denied", "rule": e.rule, "reason": e.reason,
            "stated_purpose": e.stated_purpose, "cadre_id": e.cadre_id, "units": list(e.units),
            "policy_version": e.policy_version, "at": _moment(e.at)}


def pre_policy_entry(record_id: UUID, e: Any) -> LogEntry:
    """A `SupervisorRead.Recorded`: the reader named themselves in headers; the org tree decided."""
    return {"record_id": str(record_id), "service": "audit", "principal": e.reader, "role": "supervisor",
            "unit": e.reader_unit, "action": PRE_POLICY_ACTION, "what": e.what,
            "outcome": "allowed" if e.allowed else "denied", "rule": "org_tree.beneath_reader",
            "reason": "the record lies beneath the reader" if e.allowed
            else "the record does not lie beneath the reader",
            "stated_purpose": e.reason, "cadre_id": None, "units": [],
            "policy_version": PRE_POLICY_VERSION, "at": _moment(e.at)}


def units_of(entry: LogEntry) -> frozenset[str]:
    """Where an entry lies: the units of the record read, and the unit of whoever read it."""
    return frozenset(u for u in (*entry["units"], entry["unit"]) if u)


def is_supervisory_read(entry: LogEntry) -> bool:
    """A supervisor's or inspection team's read within their grants, allowed or refused by the tree."""
    if entry["role"] not in RECORDED_READERS:
        return False
    if entry["action"] == PRE_POLICY_ACTION:
        return True
    try:
        return grant_of(entry["role"], Action(entry["action"])) is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class LogQuery:
    outcome: str | None = None
    service: str | None = None
    principal: str | None = None
    since: datetime | None = None

    def matches(self, entry: LogEntry) -> bool:
        return ((self.outcome is None or entry["outcome"] == self.outcome)
                and (self.service is None or entry["service"] == self.service)
                and (self.principal is None or entry["principal"] == self.principal)
                and (self.since is None or entry["at"] >= _moment(self.since)))

    def select(self, entries: Iterable[LogEntry]) -> list[LogEntry]:
        return [e for e in entries if self.matches(e)]
