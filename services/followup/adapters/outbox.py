"""Which follow-up domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from typing import Any

from services.followup.domain.plan import FollowUpPlan
from shared.contract import events as contract
from shared.messaging.translation import translator


def _opened(event: Any) -> list[contract.Payload]:
    return [
        contract.FollowUpOpened(
            plan_id=str(event.originator_id), case_id=event.case_id, cadre_id=event.cadre_id,
            method=event.method, impact_period_ends_on=event.impact_period_ends_on, bar=event.bar,
        )
    ]


def _eligible(event: Any) -> list[contract.Payload]:
    return [
        contract.ReinstatementEligible(
            plan_id=str(event.originator_id), cadre_id=event.cadre_id,
            eligible_on=event.eligible_on, reasons=event.reasons,
        )
    ]


translate = translator(
    "followup",
    {FollowUpPlan.Opened: _opened, FollowUpPlan.BecameEligible: _eligible},
    lambda event, payload: str(event.cadre_id),
)
