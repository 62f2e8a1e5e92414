"""The trigger DSL: how a pack states a quantitative circumstance so a machine can evaluate it.

A trigger is a tree. Leaves name a *feed* (a vocabulary the pack declares, e.g. the annual
assessment grades) and a check on it; `any_of` fires when any branch fires, `all_of` when every
branch fires for the same subject, period and indicator. Thresholds are exact fractions and every
comparison carries the document's counting word (SPEC §3), checked against the comparator at load.

Leaf types (each also takes `type`, `label`, `roles`, `note`):

- grade_in (grade feed; feed, grades, periods=1, holder_role): the grade is in `grades`
  for `periods` consecutive periods.
- ballot_share (ballot feed; feed, options, comparator, word, threshold, periods=1):
  votes for `options` over valid votes cast compares true with `threshold`.
- rank_in_bottom (rank feed; feed, places, periods=1): the rank is within the last `places`
  for `periods` consecutive periods (places=1 is last place).
- rank_regressed (rank feed; feed): the rank is worse than in the adjacent previous period.
- incident_count (incident feed; feed, severities, comparator, word, threshold, periods=1):
  the year's incidents of those severities compare true with `threshold`.
- flag_set (flag feed; feed, periods=1): the flag is raised for `periods` consecutive periods.
- measure_compare (measure feed; feed, comparator, word, threshold, periods=1): the measured
  value compares true with `threshold`.
- absence_duration (absence feed; feed, comparator, word, length): the absence, counted by the
  Civil Code, compares true with `length`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

COMBINATORS: frozenset[str] = frozenset({"any_of", "all_of"})

# Leaf type -> (feed kind it reads, keys it requires, keys it may take).
LEAF_TYPES: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "grade_in": ("grade", frozenset({"feed", "grades"}), frozenset({"periods", "holder_role"})),
    "ballot_share": (
        "ballot",
        frozenset({"feed", "options", "comparator", "threshold"}),
        frozenset({"word", "periods", "holder_role"}),
    ),
    "rank_in_bottom": ("rank", frozenset({"feed", "places"}), frozenset({"periods"})),
    "rank_regressed": ("rank", frozenset({"feed"}), frozenset()),
    "incident_count": (
        "incident",
        frozenset({"feed", "severities", "comparator", "threshold"}),
        frozenset({"word", "periods"}),
    ),
    "flag_set": ("flag", frozenset({"feed"}), frozenset({"periods"})),
    "measure_compare": (
        "measure",
        frozenset({"feed", "comparator", "threshold"}),
        frozenset({"word", "periods"}),
    ),
    "absence_duration": (
        "absence",
        frozenset({"feed", "comparator", "length"}),
        frozenset({"word", "holder_role"}),
    ),
}

# Keys any node may carry.
COMMON_KEYS: frozenset[str] = frozenset({"type", "label", "roles", "note"})


@dataclass(frozen=True)
class Length:
    """A period length in whole years, months or days (exactly one is non-zero)."""

    years: int = 0
    months: int = 0
    days: int = 0

    def text(self) -> str:
        """E.g. "1 year", "3 months" — used in hit figures."""
        for amount, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if amount:
                return f"{amount} {unit}" + ("s" if amount != 1 else "")
        return "0 days"


@dataclass(frozen=True)
class Trigger:
    """One node of a trigger tree.

    `values` holds the grades, ballot options or incident severities the leaf counts (the JSON
    names the key after what it holds). `subject` is "cadre" or "unit", taken from the feed.
    `roles` are the `applies_to` roles a hit of this node names (default: all of the item's).
    """

    type: str
    label: str
    roles: tuple[str, ...]
    subject: str = ""
    feed: str = ""
    values: tuple[str, ...] = ()
    comparator: str = ""
    word: str = ""
    threshold: Fraction | None = None
    periods: int = 1
    places: int = 0
    length: Length | None = None
    holder_role: str = ""
    branches: tuple[Trigger, ...] = ()
    note: str = ""

    def leaves(self) -> tuple[Trigger, ...]:
        """Every leaf below (or at) this node, in document order."""
        if not self.branches:
            return (self,)
        return tuple(leaf for branch in self.branches for leaf in branch.leaves())

    def types(self) -> frozenset[str]:
        """Every node type used in this tree (combinators included)."""
        found = {self.type}
        for branch in self.branches:
            found |= branch.types()
        return frozenset(found)
