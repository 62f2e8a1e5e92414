"""The terms a plan opens with, taken from the jurisdiction's pack and frozen into the plan's events."""

from __future__ import annotations

from dataclasses import dataclass

from services.followup.domain.assessment_bar import AssessmentBar
from services.followup.domain.impact import ImpactRule


@dataclass(frozen=True)
class PlanTerms:
    rule: ImpactRule
    care_talk_interval_days: int
    recheck_interval_days: int
    assessment_bar: AssessmentBar
    upper_consultation_required: bool
    # LG 13: early retirement for personal (non-health) reasons loses the former post's benefits.
    early_retirement_consequence: str | None
    # The article under which problems found in follow-up are dealt with.
    problem_citation: str
