"""The cadre register's integration events.

The personnel system (干部信息系统) is a producer: it publishes these under
`cadre.intake.personnel.<event>.v1`, each change with its own `change_id` (re-sending one is
harmless, as with a signal's id). The identification service keeps the register and publishes
every change it records, from the personnel system or from the lifecycle (an executed
adjustment, a correction on appeal, a reinstatement), under `cadre.identification.<event>.v1`.
Other services learn who manages a cadre and which post they hold only from these.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from shared.contract.events import CadreRole, EventSpec, Payload, spec

RegisterState = Literal["in_post", "adjusted", "on_leave", "retired"]


class PostHeld(Payload):
    post: str = Field(min_length=1, examples=["副局长"])
    unit_id: str = Field(min_length=1, description="the organisation unit holding the post")
    rank: str = Field(min_length=1, description="职级", examples=["副处级"])
    level: str = Field(min_length=1, description="职务层次", examples=["县处级副职"])
    role: CadreRole = Field(default="unit_staff", description="decides the talker (IM 20)")


class AuthorityHeld(Payload):
    managing_unit: str = Field(min_length=1, description="whose committee manages the cadre")
    co_managing_unit: str | None = Field(default=None, description="dual management (IM 18)")
    jurisdiction: str = Field(min_length=1, description="the unit whose policy pack applies")
    pack_id: str = Field(min_length=1, examples=["IM-2022"])


class CadreRegistered(Payload):
    """A cadre entered the register (or the personnel system restated their whole entry)."""

    change_id: str = Field(min_length=1, description="the producer's own id of this change")
    cadre_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    gender: Literal["male", "female"] | None = None
    birth_date: date | None = None
    post: PostHeld
    authority: AuthorityHeld
    state: RegisterState = "in_post"
    effective_on: date


class CadrePostChanged(Payload):
    """The cadre holds another post, rank or level from a date (appointment, adjustment,
    correction on appeal, reinstatement)."""

    change_id: str = Field(min_length=1)
    cadre_id: str = Field(min_length=1)
    post: PostHeld
    former_post: PostHeld | None = None
    state: RegisterState = "in_post"
    reason: str = Field(default="personnel", description="personnel, adjustment:<case>, "
                        "correction:<appeal>, reinstatement:<plan>")
    effective_on: date


class CadreAuthorityChanged(Payload):
    """Another unit manages (or co-manages) the cadre from a date."""

    change_id: str = Field(min_length=1)
    cadre_id: str = Field(min_length=1)
    authority: AuthorityHeld
    effective_on: date


class CadreLeft(Payload):
    """The cadre left their post: on leave or retired."""

    change_id: str = Field(min_length=1)
    cadre_id: str = Field(min_length=1)
    state: Literal["on_leave", "retired"]
    reason: str = Field(min_length=1)
    effective_on: date


SPECS: list[EventSpec] = [
    spec(CadreRegistered, "intake.personnel", "identification"),
    spec(CadrePostChanged, "intake.personnel", "identification"),
    spec(CadreAuthorityChanged, "intake.personnel", "identification"),
    spec(CadreLeft, "intake.personnel", "identification"),
]
