"""The official working-day calendar, built from data year by year.

China's working days are not "Monday to Friday": the State Council publishes each year which days
are public holidays (放假) and which weekend days become working days to make up for them (调休).
The schedule for a year is only known once published (usually November or December of the year
before), so the calendar knows exactly which years it covers and refuses to guess beyond them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

_SATURDAY = 5

DEFAULT_HOW_TO_ADD_YEAR = (
    "An operator uploads and activates the State Council's schedule for the year "
    "(`cadre calendar upload FILE --effective-from DATE`, or POST /reference/calendars on the "
    "identification service; format: shared/calendar/examples/), or adds it to the calendar "
    "directory (CADRE_CALENDAR_DIR)."
)
HOW_TO_ADD_YEAR_ZH = (
    "请管理员上传并激活国务院办公厅公布的该年度节假日安排"
    "（`cadre calendar upload 文件 --effective-from 日期`，或识别服务的 POST /reference/calendars；"
    "格式见 shared/calendar/examples/），或将其放入日历目录（CADRE_CALENDAR_DIR）。"
)


class CalendarNotCoveredError(LookupError):
    """A date falls in a year for which no official working-day schedule is loaded."""

    def __init__(self, year: int, covered_years: Iterable[int], how_to_add_year: str) -> None:
        self.year = year
        self.covered_years = tuple(sorted(covered_years))
        covered = _describe_years(self.covered_years)
        self.field = "calendar"
        self.message_en = (f"No official working-day calendar for {year} (covered: {covered}). "
                           f"{how_to_add_year}")
        self.message_zh = (f"尚无 {year} 年的官方工作日安排（已有：{covered}），不按周一至周五推算。"
                           f"{HOW_TO_ADD_YEAR_ZH}")
        super().__init__(f"{self.message_en} / {self.message_zh}")


@dataclass(frozen=True)
class YearSchedule:
    """One year's official schedule: days off, make-up working days, and where they come from."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str

    def __post_init__(self) -> None:
        # Checked here rather than only at file load, so library data and operator data get the
        # same scrutiny. Messages name the field so a loader can point at the faulty entry.
        for field_name, days in (("holidays", self.holidays), ("workdays", self.workdays)):
            for day in sorted(days):
                if day.year != self.year:
                    raise ValueError(f"{field_name}: {day} is not in {self.year}")
        for day in sorted(self.workdays):
            # A make-up working day only ever moves a weekend day; a weekday here is a typo.
            if day.weekday() < _SATURDAY:
                raise ValueError(f"workdays: {day} is a weekday, not a weekend day made working")
        both = sorted(self.holidays & self.workdays)
        if both:
            raise ValueError(f"holidays and workdays both list {both[0]}")
        if not self.source.strip():
            raise ValueError("source: must name the notice the schedule comes from")


class WorkingDayCalendar:
    """Official working days for the years it has schedules for; refuses any other year."""

    def __init__(
        self,
        schedules: Iterable[YearSchedule],
        *,
        how_to_add_year: str = DEFAULT_HOW_TO_ADD_YEAR,
    ) -> None:
        self._schedules: dict[int, YearSchedule] = {}
        for schedule in schedules:
            if schedule.year in self._schedules:
                raise ValueError(f"two schedules for {schedule.year}")
            self._schedules[schedule.year] = schedule
        self._how_to_add_year = how_to_add_year

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with an official schedule, in order."""
        return tuple(sorted(self._schedules))

    def schedule_for(self, year: int) -> YearSchedule:
        """The schedule for `year`, or CalendarNotCoveredError."""
        try:
            return self._schedules[year]
        except KeyError:
            raise CalendarNotCoveredError(year, self._schedules, self._how_to_add_year) from None

    def is_working_day(self, day: date) -> bool:
        """Whether `day` is an official working day (holidays off, 调休 weekend days on)."""
        schedule = self.schedule_for(day.year)
        if day in schedule.workdays:
            return True
        if day in schedule.holidays:
            return False
        return day.weekday() < _SATURDAY

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`; `start` itself is not counted (民法典 art. 201).

        Used for "within n working days of X": the returned day is the last day still on time.
        `n == 0` returns `start`. Every day examined must be in a covered year.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        day, remaining = start, n
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative when `end` is earlier.

        The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
        For a countdown, `working_days_between(today, deadline)` is the working days left after
        today; a negative value is how many working days the deadline is past.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def _describe_years(years: tuple[int, ...]) -> str:
    """'2004–2026' for a contiguous run, otherwise runs joined by commas; 'none' when empty."""
    if not years:
        return "none"
    runs: list[list[int]] = [[years[0], years[0]]]
    for year in years[1:]:
        if year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
