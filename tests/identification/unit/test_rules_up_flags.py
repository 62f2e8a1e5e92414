"""The "up" side (SPEC §9): three consecutive excellent years, LG incentive 9(3), WY 7(1)."""

from __future__ import annotations

import pytest

from services.identification.domain.rules import (
    Facts,
    Grade,
    evaluate,
    evaluate_up,
    excellent_run_ending,
    has_three_consecutive_excellent_years,
)
from shared.policy import PackRegistry, load_packs

EX = "excellent"


@pytest.fixture(scope="module")
def registry() -> PackRegistry:
    return load_packs()


def annual(by_year: dict[int, str], feed: str = "annual_assessment") -> tuple[Grade, ...]:
    return tuple(Grade("c1", year, feed, grade) for year, grade in by_year.items())


LG_UP = "LG-2020/incentive-9(3)"
WY_UP = "WY-2019/incentive-7(1)"
AA = "annual_assessment"
ES = "enterprise_staff_assessment"


@pytest.mark.parametrize(
    ("code", "by_year", "feed", "flagged_periods"),
    [
        (LG_UP, {2021: EX, 2022: EX, 2023: EX}, AA, [2023]),
        (LG_UP, {2022: EX, 2023: EX}, AA, []),
        (LG_UP, {2020: EX, 2021: EX, 2023: EX}, AA, []),
        (LG_UP, {2021: EX, 2022: "competent", 2023: EX}, AA, []),
        (LG_UP, {2021: EX, 2022: EX, 2023: EX}, ES, [2023]),
        (LG_UP, {2021: EX, 2022: "qualified", 2023: EX}, ES, []),
        (WY_UP, {2021: EX, 2022: EX, 2023: EX}, AA, [2023]),
        (WY_UP, {2020: EX, 2021: EX, 2022: EX, 2023: EX}, AA, [2022, 2023]),
        (WY_UP, {2022: EX, 2023: EX}, AA, []),
    ],
)
def test_three_adjacent_excellent_years_flag_the_cadre(
    registry: PackRegistry,
    code: str,
    by_year: dict[int, str],
    feed: str,
    flagged_periods: list[int],
) -> None:
    pack = registry.get(code.split("/")[0])
    hits = evaluate_up(pack, Facts(grades=annual(by_year, feed)))
    assert [h.period for h in hits if h.code == code] == flagged_periods
    assert all(h.subject.id == "c1" and h.subject.kind == "cadre" for h in hits)


def test_up_items_are_not_down_findings(registry: PackRegistry) -> None:
    facts = Facts(grades=annual({2021: EX, 2022: EX, 2023: EX}))
    assert evaluate(registry.get("WY-2019"), facts) == []
    assert evaluate_up(registry.get("IM-2022"), facts) == []  # IM-2022 states no up item


@pytest.mark.parametrize(
    ("by_year", "run", "flag"),
    [
        ({2021: EX, 2022: EX, 2023: EX}, 3, True),
        ({2022: EX, 2023: EX}, 2, False),
        ({2021: EX, 2022: EX, 2023: "competent"}, 0, False),
        ({2020: EX, 2021: EX, 2023: EX}, 1, False),
        ({2019: EX, 2020: EX, 2021: EX, 2022: EX, 2023: EX}, 5, True),
        ({}, 0, False),
    ],
)
def test_run_helper_counts_only_the_latest_adjacent_run(
    by_year: dict[int, str], run: int, flag: bool
) -> None:
    grades = annual(by_year) + (Grade("c2", 2023, "annual_assessment", EX),)
    assert excellent_run_ending(grades, "c1") == run
    assert has_three_consecutive_excellent_years(grades, "c1") is flag
