"""The post-adjustment assessments a reinstatement needs (IM 30; LG 15; WY 16): pack data.

The bar is `assessments` assessments at `min_grade` or better on the pack's grade feed, whose
values run best first (excellent, competent, basically competent, incompetent). A recorded
assessment below the bar blocks eligibility; too few recorded assessments do not block eligibility
(the period is over and the cadre may be considered) but block a decision to reinstate or promote
until the inspection has recorded them ("经考察符合任职条件", LG 15, IM 30).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AssessmentBar:
    grades: tuple[str, ...]
    min_grade: str
    assessments: int

    def meets(self, grade: str) -> bool:
        return self.grades.index(grade) <= self.grades.index(self.min_grade)

    def below_bar(self, recorded: Sequence[str]) -> list[str]:
        """Grades among the latest `assessments` recorded that fall below the bar."""
        latest = list(recorded)[-self.assessments:]
        return [grade for grade in latest if not self.meets(grade)]

    def shortfall(self, recorded: Sequence[str]) -> int:
        """How many more assessments at the bar are still needed."""
        latest = list(recorded)[-self.assessments:]
        return self.assessments - sum(1 for grade in latest if self.meets(grade))

    def describe(self) -> str:
        return f"{self.assessments} post-adjustment assessment(s) at {self.min_grade} or better"
