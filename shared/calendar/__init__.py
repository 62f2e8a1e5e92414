"""Dates the regulations count in: Civil Code periods and official working days.

Only the pure modules are re-exported here, so a domain package importing `shared.calendar` pulls
in no third-party code; adapters build a calendar with `shared.calendar.sources.load_calendar`.
"""

from shared.calendar.library import CalendarLibrary
from shared.calendar.periods import (
    extend_past_rest_days,
    first_day_after,
    is_within,
    period_end,
)
from shared.calendar.working_days import (
    CalendarNotCoveredError,
    WorkingDayCalendar,
    YearSchedule,
)

__all__ = [
    "CalendarLibrary",
    "CalendarNotCoveredError",
    "WorkingDayCalendar",
    "YearSchedule",
    "extend_past_rest_days",
    "first_day_after",
    "is_within",
    "period_end",
]
