"""Integration events the adjustment service publishes beyond the core lifecycle events.

Appeals and reviews (IM 22), the salary-formalities clock (IM 21) and the post quota ledger (IM 25).
A modified or revoked appeal also yields the core `AdjustmentCorrected`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from shared.contract.events import EventSpec, Payload, spec


class AppealLodged(Payload):
    """The cadre requested a review or lodged an appeal; execution is not suspended (IM 22)."""

    appeal_id: str
    case_id: str
    kind: Literal["review", "appeal"]
    lodged_on: date
    grounds: str = Field(min_length=1)


class AppealDecided(Payload):
    """A review or appeal was decided; modified or revoked is followed by AdjustmentCorrected."""

    appeal_id: str
    case_id: str
    outcome: Literal["upheld", "modified", "revoked"]
    decided_on: date
    reason: str = Field(min_length=1)


class FormalitiesOverdue(Payload):
    """Salary and benefits formalities were not done within one month of the adjustment (IM 21)."""

    case_id: str
    due_on: date
    detected_on: date


class OverQuotaPlacement(Payload):
    """An adjusted cadre was placed over the post quota with the required approvals (IM 25)."""

    case_id: str
    unit_id: str
    rank: str
    org_dept_approval: str = Field(min_length=1)
    staffing_approval: str = Field(min_length=1)
    absorb_by: date


class QuotaAbsorptionOverdue(Payload):
    """An over-quota placement was not absorbed by its deadline (IM 25: usually one year)."""

    unit_id: str
    rank: str
    case_id: str
    absorb_by: date
    detected_on: date


SPECS: list[EventSpec] = [
    spec(AppealLodged, "adjustment"),
    spec(AppealDecided, "adjustment"),
    spec(FormalitiesOverdue, "adjustment"),
    spec(OverQuotaPlacement, "adjustment"),
    spec(QuotaAbsorptionOverdue, "adjustment"),
]


class CoManagingSideConsulted(Payload):
    """IM 18: the co-managing side's opinion was recorded before the decision."""

    case_id: str
    cadre_id: str
    co_managing_unit: str
    consulted_person: str
    consulted_on: date
    opinion: str
    recorded_by: str
    recorded_by_unit: str


class AdjustmentStepCorrected(Payload):
    """A mis-entered step was corrected: the facts before and after, who and why (the step's own
    record stands beside it)."""

    case_id: str
    cadre_id: str
    step: Literal["propose", "decide", "talk", "formalities"]
    before: dict[str, str]
    after: dict[str, str]
    reason: str = Field(min_length=1)
    corrected_by: str
    corrected_on: date


class AdjustmentCaseClosed(Payload):
    """A case that could not go on was closed: its determination withdrawn, or by the committee."""

    case_id: str
    cadre_id: str
    cause: Literal["determination_withdrawn", "closed_by_committee"]
    reason: str = Field(min_length=1)
    closed_by: str
    closed_on: date
    steps_done: list[str]


SPECS += [
    spec(CoManagingSideConsulted, "adjustment"),
    spec(AdjustmentStepCorrected, "adjustment"),
    spec(AdjustmentCaseClosed, "adjustment"),
]
