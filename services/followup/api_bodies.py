"""The bodies the follow-up API accepts and answers with."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from shared.access.acting import ActedFor, RecordedBy

Text = Annotated[str, Field(min_length=1)]


class ItemRecord(ActedFor):
    kind: Literal["care_talk", "training", "recheck", "assessment"]
    by: Text
    on: date
    note: str = ""
    grade: str | None = Field(default=None, description="assessments only: a grade of the pack")


class ItemSchedule(ActedFor):
    kind: Literal["training", "assessment"]
    due_on: date
    note: str = ""


class GoalsRecord(ActedFor):
    goals: list[Text] = Field(min_length=1)
    by: Text
    on: date


class ProblemReport(ActedFor):
    problem: Text
    reported_by: RecordedBy = None
    reported_on: date


class UpperConsultation(ActedFor):
    department: Text
    consulted_on: date
    opinion: Text
    recorded_by: RecordedBy = None


class NewPost(BaseModel):
    """The post a reinstated or promoted cadre takes up; the cadre register records it."""

    post: Text
    unit_id: Text
    rank: Text = Field(description="职级")
    level: Text = Field(description="职务层次")


class ReinstatementDecision(ActedFor):
    decision: Literal["reinstated", "promoted", "declined"]
    decided_by: RecordedBy = None
    decided_on: date
    new_post: NewPost | None = Field(
        default=None, description="reinstated or promoted: the post taken up, recorded in the cadre register")


class OwnRequest(ActedFor):
    reason: Literal["health", "family", "work_ability"]
    recorded_by: RecordedBy = None
    on: date


class OwnRequestResolution(ActedFor):
    recorded_by: RecordedBy = None
    on: date


class EarlyRetirement(ActedFor):
    on: date
    personal_reasons: bool = Field(description="LG 13: personal (non-health) reasons")
    recorded_by: RecordedBy = None


class PromotionAnswer(BaseModel):
    cadre_id: str
    on: date
    above_level: str | None
    allowed: bool
    reasons: list[str]
