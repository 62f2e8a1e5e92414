"""May a cadre be promoted, or appointed above a level, on a date? (LG 13; WY 16; IM 22, 30)

Every reason is given, for and against. Impact periods are judged on the date asked about (the
effective day and the period's last day are both inside, Civil Code art. 201-203); open concerns,
pending appeals and early retirement are judged as they stand now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ImpactBar:
    plan_id: str
    bar: str  # "promotion" | "above_former_level" | "none"
    starts_on: date
    ends_on: date | None
    former_rank: str
    citation: str
    # The jurisdiction's leadership levels (职务层次), lowest first, from its pack: compared only
    # with the former level (LG 13).
    levels: tuple[str, ...] = ()

    def runs_on(self, on: date) -> bool:
        return self.ends_on is not None and self.starts_on <= on <= self.ends_on


@dataclass(frozen=True)
class PromotionFacts:
    bars: tuple[ImpactBar, ...] = ()
    open_concerns: tuple[str, ...] = ()
    pending_appeals: tuple[str, ...] = ()
    retired_on: date | None = None


def is_above_former(above_level: str | None, former_rank: str, levels: tuple[str, ...]) -> bool:
    """Whether a post above `above_level` is above the former level; unknown levels count as above."""
    if above_level is None or above_level not in levels or former_rank not in levels:
        return True
    return levels.index(above_level) >= levels.index(former_rank)


def bar_reason(bar: ImpactBar, on: date, above_level: str | None) -> str | None:
    """Why this impact period stands against the appointment on `on`, or None."""
    if bar.bar == "none" or not bar.runs_on(on):
        return None
    if bar.bar == "promotion":
        return f"impact period under {bar.citation}: no promotion from {bar.starts_on} to {bar.ends_on}"
    if is_above_former(above_level, bar.former_rank, bar.levels):
        return (
            f"impact period under {bar.citation}: no post above the former level {bar.former_rank} "
            f"from {bar.starts_on} to {bar.ends_on}"
        )
    return None


def check_promotion(
    facts: PromotionFacts, on: date, above_level: str | None = None
) -> tuple[bool, list[str]]:
    """(allowed, every reason)."""
    against = [r for r in (bar_reason(b, on, above_level) for b in facts.bars) if r is not None]
    if facts.open_concerns:
        against.append(f"open concern(s) about the cadre: {', '.join(sorted(facts.open_concerns))}")
    if facts.pending_appeals:
        against.append(
            f"review or appeal pending (IM 22): {', '.join(sorted(facts.pending_appeals))}"
        )
    if facts.retired_on is not None and on >= facts.retired_on:
        against.append(f"the cadre retired early on {facts.retired_on}")
    if against:
        return False, against
    return True, [*(_reason_for(b, on) for b in facts.bars if b.bar != "none"),
                  "no open concern about the cadre", "no review or appeal pending"]


def _reason_for(bar: ImpactBar, on: date) -> str:
    """Why an impact period that does not stand against the appointment does not."""
    if bar.runs_on(on):
        return (
            f"impact period under {bar.citation} runs to {bar.ends_on} but bars only posts above "
            f"the former level {bar.former_rank}"
        )
    if bar.ends_on is not None and on > bar.ends_on:
        return f"impact period under {bar.citation} ended on {bar.ends_on}"
    return f"impact period under {bar.citation} starts on {bar.starts_on}"
