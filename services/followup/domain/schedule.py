"""When follow-up items fall due and which were missed (IM 27-30; LG 14; WY 17; seed 002 复检).

Each kind of item has its own due dates. An item is held when one recording of its kind falls in
its window: after the previous due day of that kind (or on/after the effective day for the first)
and on or before its own due day, which is still inside (Civil Code art. 203(2)). An item not held
is missed from the day after its due day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from shared.calendar.periods import period_end

PERIODIC_KINDS = ("care_talk", "recheck")
SCHEDULED_KINDS = ("training", "assessment")
ITEM_KINDS = (*PERIODIC_KINDS, *SCHEDULED_KINDS)


def periodic_due_dates(effective_on: date, interval_days: int, until: date | None) -> list[date]:
    """Every `interval_days` from the effective day up to the impact period's last day.

    Without an impact period there is nothing to wait for, so nothing is scheduled.
    """
    if until is None:
        return []
    dates: list[date] = []
    due = period_end(effective_on, days=interval_days)
    while due <= until:
        dates.append(due)
        due = period_end(due, days=interval_days)
    return dates


def windows(effective_on: date, due_dates: Iterable[date]) -> list[tuple[date, date]]:
    """(first day, due day) for each due date of one kind, in order."""
    result = []
    start = effective_on
    for due in sorted(due_dates):
        result.append((start, due))
        start = due + timedelta(days=1)
    return result


def is_held(window: tuple[date, date], recorded_on: Sequence[date]) -> bool:
    first, last = window
    return any(first <= on <= last for on in recorded_on)


def open_items(
    effective_on: date,
    due: Mapping[str, Sequence[date]],
    recorded: Mapping[str, Sequence[date]],
    flagged: Iterable[tuple[str, date]],
) -> list[tuple[str, date]]:
    """Items neither held nor already flagged, as (kind, due day), earliest first."""
    done = set(flagged)
    items = []
    for kind, dates in due.items():
        for window in windows(effective_on, dates):
            if (kind, window[1]) not in done and not is_held(window, recorded.get(kind, ())):
                items.append((kind, window[1]))
    return sorted(items, key=lambda item: (item[1], item[0]))


def missed_items(
    today: date,
    effective_on: date,
    due: Mapping[str, Sequence[date]],
    recorded: Mapping[str, Sequence[date]],
    flagged: Iterable[tuple[str, date]],
) -> list[tuple[str, date]]:
    """Open items whose due day is over by `today`."""
    return [item for item in open_items(effective_on, due, recorded, flagged) if today > item[1]]
