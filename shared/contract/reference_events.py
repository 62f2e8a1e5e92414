"""Reference data an operator loaded while the services run: every service takes it in from these
events and records it in its own store (shared/reference). They concern no cadre: the envelope's
cadre id is `reference-data`."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from shared.contract.events import EventSpec, Payload, spec


class PolicyPackActivated(Payload):
    """An operator put a policy pack version in force from a date; every service loads it."""

    pack_id: str = Field(examples=["IM-2022"])
    version: int = Field(ge=1)
    effective_from: date
    content: str = Field(min_length=2, description="the pack file's JSON text")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    activated_by: str
    activated_on: date


class WorkingDayScheduleActivated(Payload):
    """An operator put a year's official working-day schedule in force from a date."""

    year: int = Field(ge=2000, le=2200)
    version: int = Field(ge=1)
    effective_from: date
    content: str = Field(min_length=2, description="the schedule file's JSON text")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    activated_by: str
    activated_on: date


SPECS: list[EventSpec] = [
    spec(PolicyPackActivated, "identification"),
    spec(WorkingDayScheduleActivated, "identification"),
]
