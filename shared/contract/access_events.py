"""Integration events about access itself: refusals and supervisory reads (SPEC §8)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from shared.contract.events import EventSpec, Payload, spec


class AccessRecorded(Payload):
    """A refused request, or a supervisor's or inspection team's read, as the service recorded it."""

    record_id: str = Field(min_length=1)
    service: str = Field(min_length=1)
    principal: str = Field(min_length=1)
    role: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    action: str = Field(min_length=1, description="the endpoint family (policy action)")
    what: str = Field(min_length=1, description="method and path of the request")
    outcome: Literal["allowed", "denied"]
    rule: str = Field(min_length=1, description="the policy rule that decided")
    reason: str = Field(description="why the rule decided so")
    stated_purpose: str | None = Field(
        default=None, description="the reader's stated reason (X-Cadre-Reason)")
    cadre_id: str | None = None
    units: list[str] = Field(default_factory=list, description="the units the record lies under")
    policy_version: str = Field(min_length=1)
    at: datetime


SPECS: list[EventSpec] = [spec(AccessRecorded, "identification", "adjustment", "followup", "audit")]
