"""Plans built from the real policy packs, for the follow-up unit tests."""

from __future__ import annotations

from datetime import date

from services.followup.adapters.plan_terms import plan_terms_from
from services.followup.domain.plan import FollowUpPlan
from shared.policy.registry import load_packs

TERMS = plan_terms_from(load_packs())


def open_plan(pack_id: str, method: str, effective_on: date, former_rank: str = "正处级",
              case_id: str = "case-1", managing_unit: str | None = None,
              co_managing_unit: str | None = None) -> FollowUpPlan:
    return FollowUpPlan.open(
        case_id=case_id, cadre_id="cadre-1", pack_id=pack_id, method=method,
        effective_on=effective_on, former_post="局长", former_rank=former_rank,
        terms=TERMS(pack_id, method), unit_id="unit-1", managing_unit=managing_unit,
        co_managing_unit=co_managing_unit,
    )
