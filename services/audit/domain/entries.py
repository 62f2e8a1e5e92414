"""Reading recorded entries: an entry is one integration event as the audit service received it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

Entry = dict[str, Any]


def occurred_at(entry: Entry) -> datetime:
    return datetime.fromisoformat(str(entry["occurred_at"]))


def as_of(entries: list[Entry], moment: datetime | None) -> list[Entry]:
    """The entries as the record stood at `moment`: everything that had occurred by then."""
    if moment is None:
        return list(entries)
    return [e for e in entries if occurred_at(e) <= moment]


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
