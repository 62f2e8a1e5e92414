"""The bodies the follow-up API accepts and answers with."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

Text = Annotated[str, Field(min_length=1)]


class ItemRecord(BaseModel):
    kind: Literal["care_talk", "training", "recheck", "assessment"]
    by: Text
    on: date
    note: str = ""
    grade: str | None = Field(default=None, description="assessments only: a grade of the pack")


class ItemSchedule(BaseModel):
    kind: Literal["training", "assessment"]
    due_on: date
    note: str = ""


class GoalsRecord(BaseModel):
    goals: list[Text] = Field(min_length=1)
    by: Text
    on: date


class ProblemReport(BaseModel):
    problem: Text
    reported_by: Text
    reported_on: date


class UpperConsultation(BaseModel):
    department: Text
    consulted_on: date
    opinion: Text
    recorded_by: Text


class NewPost(BaseModel):
    """The post a reinstated or promoted cadre takes up; the cadre register records it."""

    post: Text
    unit_id: Text
    rank: Text = Field(description="职级")
    level: Text = Field(description="职务层次")


class ReinstatementDecision(BaseModel):
    decision: Literal["reinstated", "promoted", "declined"]
    decided_by: Text
    decided_on: date
    new_post: NewPost | None = Field(
        default=None, description="reinstated or promoted: the post taken up, recorded in the cadre register")


class OwnRequest(BaseModel):
    reason: Literal["health", "family", "work_ability"]
    recorded_by: Text
    on: date


class OwnRequestResolution(BaseModel):
    recorded_by: Text
    on: date


class EarlyRetirement(BaseModel):
    on: date
    personal_reasons: bool = Field(description="LG 13: personal (non-health) reasons")
    recorded_by: Text


class PromotionAnswer(BaseModel):
    cadre_id: str
    on: date
    above_level: str | None
    allowed: bool
    reasons: list[str]
