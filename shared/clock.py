"""Clocks: the system clock, and an adjustable one for demos and tests ("advance the clock")."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

# Periods are counted in calendar days of the organs' own time zone.
CHINA = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(tz=CHINA)

    def today(self) -> date:
        return self.now().date()


class AdjustableClock:
    """System time shifted by an offset that can only grow (time never runs backwards)."""

    def __init__(self, offset: timedelta = timedelta()) -> None:
        self._offset = offset
        self._lock = threading.Lock()

    @property
    def offset(self) -> timedelta:
        return self._offset

    def now(self) -> datetime:
        return datetime.now(tz=CHINA) + self._offset

    def today(self) -> date:
        return self.now().date()

    def advance(self, by: timedelta) -> None:
        if by < timedelta():
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += by
