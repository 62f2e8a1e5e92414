"""Quota-chasing signals (IM 33: 防止层层加码、追求数量): a jurisdiction's yearly adjustment count
that lands just on a target, or jumps against its own history. Signals for a supervisor, not verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

IM33 = "IM 33: 防止层层加码、追求数量"
# A count within 10 % above a target (and at least at it) reads as numbers chased to the target.
TARGET_BAND = Fraction(1, 10)
# A year at least twice the mean of the earlier years, and at least 3 more, is a sudden jump.
JUMP_FACTOR = Fraction(2)
JUMP_MIN_INCREASE = 3
MIN_HISTORY_YEARS = 2


@dataclass(frozen=True)
class QuotaSignal:
    check: str
    citation: str
    jurisdiction: str
    year: int
    detail: str


def clustered_at_target(jurisdiction: str, year: int, count: int, target: int | None) -> list[QuotaSignal]:
    if not target or target <= 0:
        return []
    if target <= count <= target + max(1, int(target * TARGET_BAND)):
        return [QuotaSignal("quota_clustered_at_target", IM33, jurisdiction, year,
                            f"{count} adjustments against a target of {target}")]
    return []


def sudden_jump(jurisdiction: str, year: int, counts_by_year: dict[int, int]) -> list[QuotaSignal]:
    history = [counts_by_year.get(y, 0) for y in range(year - 3, year) if y in counts_by_year]
    if len(history) < MIN_HISTORY_YEARS:
        return []
    count = counts_by_year.get(year, 0)
    mean = Fraction(sum(history), len(history))
    if count >= JUMP_FACTOR * mean and count - mean >= JUMP_MIN_INCREASE:
        return [QuotaSignal("quota_sudden_jump", IM33, jurisdiction, year,
                            f"{count} adjustments against a mean of {float(mean):.1f} in the years before")]
    return []


def quota_signals(
    jurisdiction: str, year: int, counts_by_year: dict[int, int], target: int | None = None
) -> list[QuotaSignal]:
    count = counts_by_year.get(year, 0)
    return (clustered_at_target(jurisdiction, year, count, target)
            + sudden_jump(jurisdiction, year, counts_by_year))
