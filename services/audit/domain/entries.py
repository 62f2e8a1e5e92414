"""Reading recorded entries: an entry is one integration event as the audit service received it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

Entry = dict[str, Any]


def occurred_at(entry: Entry) -> datetime:
    """When the entry's source says the event occurred (its own recording time)."""
    return datetime.fromisoformat(str(entry["occurred_at"]))


def broken_entry(record_id: str, version: int, problem: str) -> Entry:
    """What a timeline shows in place of a row that is not as the service wrote it."""
    return {"event_id": f"broken:{record_id}:{version}", "type": "BrokenEntry", "source": None,
            "broken": {"record_id": record_id, "version": version, "problem": problem}, "data": {}}


def is_broken(entry: Entry) -> bool:
    return "broken" in entry


def signal_key(entry: Entry) -> str | None:
    """A reported signal's identity, as its reporter names it: a re-sent signal has the same."""
    d = data(entry)
    if entry.get("type") != "CircumstanceReported" or not d.get("signal_id"):
        return None
    return key_of(d)


def key_of(signal: Any) -> str | None:
    """`source_system:signal_id` of a SignalKey-shaped value."""
    if not isinstance(signal, dict) or not signal.get("signal_id"):
        return None
    return f"{signal.get('source_system')}:{signal['signal_id']}"


def data(entry: Entry) -> dict[str, Any]:
    value = entry.get("data")
    return value if isinstance(value, dict) else {}


def day(value: object) -> date | None:
    """A calendar date from an ISO string, or None when absent or malformed."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def of_type(entries: list[Entry], *types: str) -> list[Entry]:
    return [e for e in entries if e.get("type") in types]
