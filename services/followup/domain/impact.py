"""Impact periods (LG-2020 art. 13, WY-2019 art. 16): how long promotion is barred after adjustment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared.calendar.periods import period_end

Bar = Literal["promotion", "above_former_level", "none"]


@dataclass(frozen=True)
class ImpactRule:
    """One method's impact period in one pack, with the article it comes from."""

    years: int
    months: int
    bar: Bar
    citation: str

    def ends_on(self, effective_on: date) -> date | None:
        """The last day of the period (Civil Code art. 201-203: the effective day is not counted)."""
        if self.bar == "none" or (self.years == 0 and self.months == 0):
            return None
        return period_end(effective_on, years=self.years, months=self.months)
