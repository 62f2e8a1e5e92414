"""Where the working-day calendar's data comes from: chinese-calendar plus operator files.

chinese-calendar carries the State Council schedules for 2004–2026 and raises NotImplementedError
after that. Each new year's schedule is published late in the year before, so an operator adds it
as a JSON file (one per year) in a directory; a file overrides the package for its year, which
also lets an operator correct a year the package got wrong. The format, with made-up dates, is in
`examples/` next to this module; nothing there is loaded.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import chinese_calendar

from shared.calendar.library import CalendarLibrary
from shared.calendar.working_days import WorkingDayCalendar, YearSchedule

_FIELDS = frozenset({"year", "holidays", "workdays", "source"})
# date.fromisoformat also accepts "20270101" and week dates; files must use the plain form.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CalendarDataError(ValueError):
    """An operator calendar file or directory is missing, malformed or inconsistent."""


def base_schedules(operator_dir: Path | None = None) -> list[YearSchedule]:
    """The package's years overlaid with the operator's files from `operator_dir`, if given."""
    schedules = {schedule.year: schedule for schedule in library_schedules()}
    if operator_dir is not None:
        schedules.update((s.year, s) for s in read_operator_schedules(operator_dir))
    return list(schedules.values())


def load_calendar(operator_dir: Path | None = None) -> WorkingDayCalendar:
    """The calendar of the base schedules alone (no uploads)."""
    return WorkingDayCalendar(base_schedules(operator_dir))


def calendar_library(operator_dir: Path | None = None) -> CalendarLibrary:
    """The base schedules, to which operators' uploads are added while the service runs."""
    return CalendarLibrary(base_schedules(operator_dir))


def library_schedules() -> list[YearSchedule]:
    """One schedule per year the chinese-calendar package knows."""
    holidays: dict[date, Any] = chinese_calendar.holidays
    workdays: dict[date, Any] = chinese_calendar.workdays
    # The package's own coverage test: every year from its first holiday to its last.
    first, last = min(holidays).year, max(holidays).year
    source = f"chinese-calendar {chinese_calendar.__version__} (State Council notices)"
    return [
        YearSchedule(
            year=year,
            holidays=frozenset(d for d in holidays if d.year == year),
            workdays=frozenset(d for d in workdays if d.year == year),
            source=source,
        )
        for year in range(first, last + 1)
    ]


def read_operator_schedules(directory: Path) -> list[YearSchedule]:
    """Every `*.json` schedule in `directory`, validated; at most one file per year."""
    if not directory.is_dir():
        raise CalendarDataError(f"calendar data directory {directory} does not exist")
    by_year: dict[int, tuple[Path, YearSchedule]] = {}
    for path in sorted(directory.glob("*.json")):
        schedule = read_schedule_file(path)
        if schedule.year in by_year:
            other = by_year[schedule.year][0]
            raise CalendarDataError(f"{path}: year {schedule.year} is also given by {other}")
        by_year[schedule.year] = (path, schedule)
    return [schedule for _, schedule in by_year.values()]


def read_schedule_file(path: Path) -> YearSchedule:
    """One operator file, with errors that name the file and the field at fault."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalendarDataError(f"{path}: cannot read JSON: {exc}") from exc
    try:
        return parse_schedule(raw)
    except ValueError as exc:
        raise CalendarDataError(f"{path}: {exc}") from exc


def parse_schedule(raw: object) -> YearSchedule:
    """A `YearSchedule` from decoded JSON; ValueError names the field at fault."""
    if not isinstance(raw, dict):
        raise ValueError("must be a JSON object")
    unknown, missing = sorted(raw.keys() - _FIELDS), sorted(_FIELDS - raw.keys())
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(_FIELDS))})")
    if missing:
        raise ValueError(f"missing field {missing[0]!r}")
    year = raw["year"]
    # bool is an int in Python; `"year": true` is still a mistake.
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValueError(f"year: must be an integer, got {year!r}")
    source = raw["source"]
    if not isinstance(source, str):
        raise ValueError("source: must be a string naming the State Council notice")
    return YearSchedule(
        year=year,
        holidays=_parse_dates("holidays", raw["holidays"]),
        workdays=_parse_dates("workdays", raw["workdays"]),
        source=source,
    )


def _parse_dates(field: str, value: object) -> frozenset[date]:
    if not isinstance(value, list):
        raise ValueError(f"{field}: must be a list of YYYY-MM-DD strings")
    days: set[date] = set()
    for item in value:
        if not isinstance(item, str) or not _ISO_DATE.fullmatch(item):
            raise ValueError(f"{field}: {item!r} is not a YYYY-MM-DD date")
        try:
            day = date.fromisoformat(item)
        except ValueError:
            raise ValueError(f"{field}: {item!r} is not a real date") from None
        if day in days:
            # A repeated date usually means another one was meant: make the operator look.
            raise ValueError(f"{field}: {item} is listed twice")
        days.add(day)
    return frozenset(days)
