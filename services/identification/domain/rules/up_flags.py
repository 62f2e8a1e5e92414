"""The "up" side (SPEC §9): three consecutive excellent years put a cadre first in line.

Packs state their incentive items as data (LG incentive 9(3), WY incentive 7(1)) and
`engine.evaluate_up` evaluates them; this helper answers the common question directly for
callers that hold no pack, e.g. a profile page.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.identification.domain.rules.facts import Grade


def excellent_run_ending(
    grades: Iterable[Grade], cadre_id: str, feed: str = "annual_assessment"
) -> int:
    """How many adjacent years up to the cadre's latest graded year are all excellent."""
    by_year = {g.period: g.grade for g in grades if g.subject_id == cadre_id and g.feed == feed}
    if not by_year:
        return 0
    year, run = max(by_year), 0
    while by_year.get(year) == "excellent":
        run, year = run + 1, year - 1
    return run


def has_three_consecutive_excellent_years(
    grades: Iterable[Grade], cadre_id: str, feed: str = "annual_assessment"
) -> bool:
    """True when the cadre's latest three graded years are adjacent and all excellent.

    LG incentive 9(3) "连续3年确定为优秀等次"; WY incentive 7(1) "连续三年以上" (three or more).
    """
    return excellent_run_ending(grades, cadre_id, feed) >= 3
