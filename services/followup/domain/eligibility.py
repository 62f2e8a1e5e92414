"""Whether a plan's cadre may now be considered for reinstatement, and why (LG 15; WY 16, 18; IM 30)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.followup.domain.assessment_bar import AssessmentBar


@dataclass(frozen=True)
class EligibilityFacts:
    method: str
    citation: str
    impact_period_ends_on: date | None
    own_request_resolved: tuple[str, date] | None  # (reason, resolved on), WY 18
    former_rank: str
    grades: tuple[str, ...]
    bar: AssessmentBar
    upper_consultation_required: bool


def period_over(facts: EligibilityFacts, today: date) -> bool:
    """The period ends at 24:00 of its last day (Civil Code art. 203(2)), so today must be after it."""
    if facts.own_request_resolved is not None:
        return True
    ends = facts.impact_period_ends_on
    return ends is None or today > ends


def assess(facts: EligibilityFacts, today: date, open_concerns: int) -> tuple[bool, list[str]]:
    """(eligible now, reasons). Reasons explain the outcome either way."""
    reasons: list[str] = []
    blocked = False
    if facts.own_request_resolved is not None:
        reason, resolved_on = facts.own_request_resolved
        reasons.append(
            f"own-request reason ({reason}) resolved on {resolved_on}: arrangement with reference "
            f"to the former level {facts.former_rank} (WY-2019 art. 18)"
        )
    elif facts.impact_period_ends_on is not None:
        reasons.append(
            f"impact period under {facts.citation} ended on {facts.impact_period_ends_on}"
        )
    else:
        reasons.append(f"no impact period for {facts.method} under {facts.citation}")
    blocked = not period_over(facts, today)
    if open_concerns:
        blocked = True
        reasons.append(f"{open_concerns} open concern(s) about the cadre")
    else:
        reasons.append("no open concern about the cadre")
    below = facts.bar.below_bar(facts.grades)
    if below:
        blocked = True
        reasons.append(f"assessment(s) below the bar of {facts.bar.describe()}: {', '.join(below)}")
    elif facts.bar.shortfall(facts.grades) > 0:
        reasons.append(
            f"{facts.bar.describe()} still to be recorded before reinstatement or promotion"
        )
    else:
        reasons.append(f"{facts.bar.describe()} recorded")
    if facts.upper_consultation_required:
        reasons.append(
            f"the upper-level organisation department is consulted first ({facts.citation})"
        )
    return not blocked, reasons
