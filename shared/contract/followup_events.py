"""Integration events the followup service publishes beyond the core lifecycle events.

Follow-up management after an adjustment (IM 26-30; LG 13-15; WY 16-18): each talk, training,
re-check and assessment recorded, missed ones flagged, plans corrected after an appeal, problems
found reported back to identification, and the human decision on reinstatement.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from shared.contract.events import EventSpec, Payload, spec


class FollowUpItemRecorded(Payload):
    """A care talk, training, re-check, assessment or goals list was recorded with who and when."""

    plan_id: str
    kind: Literal["care_talk", "training", "recheck", "assessment", "goals"]
    by: str = Field(min_length=1)
    on: date
    note: str = Field(description="What was done; for an assessment it starts with the grade")


class FollowUpItemMissed(Payload):
    """A scheduled follow-up item was not recorded by its due day (flagged once, the day after)."""

    plan_id: str
    kind: Literal["care_talk", "recheck", "assessment", "training"]
    due_on: date
    detected_on: date


class FollowUpPlanCorrected(Payload):
    """An appeal or review modified or revoked the adjustment: the plan re-computed or ended (IM 22)."""

    plan_id: str
    case_id: str
    reason: str = Field(min_length=1)
    impact_period_ends_on: date | None
    ended: bool


class FollowUpProblemReported(Payload):
    """Follow-up found a problem to be dealt with by rule (IM 30); identification opens a concern."""

    plan_id: str
    problem: str = Field(min_length=1)
    reported_by: str = Field(min_length=1)
    reported_on: date
    citation: str = Field(min_length=1, examples=["IM-2022 art. 30"])


class ReinstatementDecided(Payload):
    """The human decision after eligibility: reinstated, promoted or declined (LG 15; WY 16)."""

    plan_id: str
    decision: Literal["reinstated", "promoted", "declined"]
    decided_on: date
    upper_consulted: bool = Field(description="WY 16: upper organisation department consulted")
    new_post: dict[str, str] | None = Field(
        default=None, description="reinstated or promoted: post, unit_id, rank (职级), level (职务层次)")


SPECS: list[EventSpec] = [
    spec(FollowUpItemRecorded, "followup"),
    spec(FollowUpItemMissed, "followup"),
    spec(FollowUpPlanCorrected, "followup"),
    spec(FollowUpProblemReported, "followup"),
    spec(ReinstatementDecided, "followup"),
]
