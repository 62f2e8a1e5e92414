"""Impact periods of every LG-2020 (art. 13) and WY-2019 (art. 16) method on real dates, and the
promotion check the day before, the day of and the day after the period's last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.followup.adapters.plan_terms import levels_from
from services.followup.domain.promotion import ImpactBar, PromotionFacts, check_promotion
from shared.policy.registry import load_packs
from tests.followup.unit.plans import TERMS, open_plan

LEVELS = levels_from(load_packs())

# (pack, method, effective day, last day inside the period, bar)
PERIODS = [
    ("LG-2020", "move_from_post", date(2026, 6, 1), date(2027, 6, 1), "promotion"),
    ("LG-2020", "removal", date(2024, 2, 29), date(2025, 2, 28), "promotion"),  # leap day
    ("LG-2020", "resignation_taking_responsibility", date(2026, 1, 31), date(2028, 1, 31),
     "above_former_level"),
    ("LG-2020", "ordered_resignation", date(2026, 2, 28), date(2028, 2, 28), "above_former_level"),
    ("LG-2020", "demotion", date(2026, 12, 31), date(2028, 12, 31), "promotion"),
    ("WY-2019", "move_from_post", date(2023, 3, 1), date(2024, 3, 1), "promotion"),
    ("WY-2019", "change_to_non_leadership", date(2027, 2, 28), date(2028, 2, 28), "promotion"),
    ("WY-2019", "removal", date(2025, 8, 31), date(2026, 8, 31), "promotion"),
    ("WY-2019", "demotion", date(2024, 2, 29), date(2026, 2, 28), "promotion"),  # leap day, 2 years
    ("IM-2022", "removal", date(2026, 6, 1), date(2027, 6, 1), "promotion"),  # pack default
]


def test_every_lg_and_wy_method_has_an_impact_period() -> None:
    covered = {(pack, method) for pack, method, *_ in PERIODS}
    for pack_id, methods in {
        "LG-2020": ["move_from_post", "removal", "resignation_taking_responsibility",
                    "ordered_resignation", "demotion"],
        "WY-2019": ["move_from_post", "change_to_non_leadership", "removal", "demotion"],
    }.items():
        for method in methods:
            assert (pack_id, method) in covered
            assert TERMS(pack_id, method).rule.bar != "none"


@pytest.mark.parametrize(("pack_id", "method", "effective_on", "last_day", "bar"), PERIODS)
def test_the_period_ends_on_the_civil_code_day(
    pack_id: str, method: str, effective_on: date, last_day: date, bar: str
) -> None:
    plan = open_plan(pack_id, method, effective_on)
    assert plan.impact_period_ends_on == last_day
    assert plan.bar == bar
    assert plan.citation.startswith(pack_id.split("-")[0] + " ")


@pytest.mark.parametrize(("pack_id", "method", "effective_on", "last_day", "bar"), PERIODS)
def test_promotion_is_barred_through_the_last_day_and_allowed_the_day_after(
    pack_id: str, method: str, effective_on: date, last_day: date, bar: str
) -> None:
    plan = open_plan(pack_id, method, effective_on)
    facts = PromotionFacts(bars=(ImpactBar(
        plan_id="p", bar=plan.bar, starts_on=effective_on, ends_on=plan.impact_period_ends_on,
        former_rank="正处级", citation=plan.citation,
    ),))
    day = timedelta(days=1)
    assert check_promotion(facts, effective_on)[0] is False  # the effective day is inside
    assert check_promotion(facts, last_day - day)[0] is False
    allowed_on_last_day, reasons = check_promotion(facts, last_day)
    assert allowed_on_last_day is False
    assert any(str(last_day) in reason for reason in reasons)
    allowed_after, reasons_after = check_promotion(facts, last_day + day)
    assert allowed_after is True
    assert f"ended on {last_day}" in reasons_after[0]


@pytest.mark.parametrize(
    ("above_level", "allowed"),
    [("正处级", False), ("副厅级", False), ("副处级", True), ("正科级", True), ("某级", False),
     (None, False)],
)
def test_after_a_resignation_only_posts_above_the_former_level_are_barred_for_two_years(
    above_level: str | None, allowed: bool
) -> None:
    plan = open_plan("LG-2020", "resignation_taking_responsibility", date(2026, 3, 1), "正处级")
    facts = PromotionFacts(bars=(ImpactBar(
        plan_id="p", bar=plan.bar, starts_on=plan.effective_on, ends_on=plan.impact_period_ends_on,
        former_rank="正处级", citation=plan.citation, levels=LEVELS("LG-2020"),
    ),))
    assert check_promotion(facts, date(2027, 3, 1), above_level)[0] is allowed
    assert check_promotion(facts, date(2028, 3, 2), above_level)[0] is True


def test_open_concerns_pending_appeals_and_retirement_each_give_a_reason() -> None:
    facts = PromotionFacts(open_concerns=("c-1",), pending_appeals=("a-1",),
                           retired_on=date(2026, 5, 1))
    allowed, reasons = check_promotion(facts, date(2026, 6, 1))
    assert allowed is False
    assert len(reasons) == 3
    assert "c-1" in reasons[0] and "a-1" in reasons[1] and "retired" in reasons[2]
