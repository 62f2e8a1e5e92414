"""The working-day schedules a service knows, and which is in use on a day.

The base is chinese-calendar's years overlaid with the operator's calendar directory; an
operator's upload adds a year's schedule (or a corrected one) in force from an effective date.
`on(day)` gives the calendar as it stands on that day: for each year, the schedule activated
latest on or before it, else the base. Uploads arrive while requests read, so changes take a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date

from shared.calendar.working_days import DEFAULT_HOW_TO_ADD_YEAR, WorkingDayCalendar, YearSchedule


class CalendarLibrary:
    def __init__(self, base: Iterable[YearSchedule], how_to_add_year: str = DEFAULT_HOW_TO_ADD_YEAR) -> None:
        self._lock = threading.Lock()
        self._base = {s.year: s for s in base}
        # year -> [(effective_from, version, schedule)]
        self._activated: dict[int, list[tuple[date, int, YearSchedule]]] = {}
        self._how_to_add_year = how_to_add_year
        self._cache: dict[date, WorkingDayCalendar] = {}

    def replace_base(self, base: Iterable[YearSchedule]) -> None:
        """A changed calendar directory (a ConfigMap update) replaces the base schedules."""
        with self._lock:
            self._base = {s.year: s for s in base}
            self._cache.clear()

    def activate(self, schedule: YearSchedule, version: int, effective_from: date) -> None:
        with self._lock:
            entries = self._activated.setdefault(schedule.year, [])
            if (effective_from, version) not in {(e, v) for e, v, _ in entries}:
                entries.append((effective_from, version, schedule))
                entries.sort(key=lambda entry: (entry[0], entry[1]))
            self._cache.clear()

    def on(self, day: date) -> WorkingDayCalendar:
        """The calendar in use on `day`."""
        with self._lock:
            calendar = self._cache.get(day)
            if calendar is None:
                schedules = dict(self._base)
                for year, entries in self._activated.items():
                    in_force = [s for effective, _, s in entries if effective <= day]
                    if in_force:
                        schedules[year] = in_force[-1]
                calendar = WorkingDayCalendar(schedules.values(), how_to_add_year=self._how_to_add_year)
                if len(self._cache) > 64:
                    self._cache.clear()
                self._cache[day] = calendar
            return calendar

    def activations(self) -> list[dict[str, object]]:
        """Every activated schedule: year, version, effective from, source."""
        with self._lock:
            return [{"year": year, "version": version, "effective_from": effective.isoformat(),
                     "source": schedule.source}
                    for year, entries in sorted(self._activated.items())
                    for effective, version, schedule in entries]
