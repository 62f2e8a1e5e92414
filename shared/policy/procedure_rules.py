"""What a pack says about the procedure itself: the meeting that decides, who holds the talk, the
clocks of formalities, quotas and fault tolerance, leadership levels and the reform review chain.

Every rule carries its citation in the shared form (`shared.policy.citation`), and the refusals
built from it name that citation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from shared.policy.counting_words import compare

# The fault-tolerance clocks a pack may set (WY-FT 8); a pack without one simply runs no such clock.
FAULT_TOLERANCE_CLOCKS: tuple[str, ...] = (
    "investigation_report", "determination", "refusal_reply", "deferred_conclusion", "feedback",
)


@dataclass(frozen=True)
class Share:
    """A share of the members who should attend (应到会成员), with the counting word that fixes
    whether the bound itself is enough (以上: yes; 超过: no; SPEC §3)."""

    fraction: Fraction
    word: str
    comparator: str

    def met(self, count: int, members_expected: int) -> bool:
        return compare(Fraction(count, members_expected), self.comparator, self.fraction)

    def text(self) -> str:
        return f"{self.word}{self.fraction}"


@dataclass(frozen=True)
class MeetingRule:
    """Quorum (present / should attend) and majority (for / should attend) of the deciding meeting."""

    quorum: Share
    majority: Share
    citation: str
    source: str


@dataclass(frozen=True)
class TalkerRule:
    role: str
    talkers: frozenset[str]
    rule_zh: str
    rule_en: str


@dataclass(frozen=True)
class TalkRules:
    """Who holds the decision talk, by the cadre's role (IM 20 and its counterparts)."""

    citation: str
    positions: Mapping[str, str] = field(hash=False)  # talker position key -> name_zh
    by_role: Mapping[str, TalkerRule] = field(hash=False)
    otherwise: str = "unit_staff"  # the row used for a role the table does not list

    def rule_for(self, role: str) -> TalkerRule:
        return self.by_role.get(role) or self.by_role[self.otherwise]


@dataclass(frozen=True)
class ClockLength:
    """A period in exactly one unit: official working days, calendar days, months or years."""

    working_days: int = 0
    days: int = 0
    months: int = 0
    years: int = 0

    def text(self) -> str:
        for amount, unit in ((self.working_days, "working day"), (self.days, "day"),
                             (self.months, "month"), (self.years, "year")):
            if amount:
                return f"{amount} {unit}" + ("s" if amount != 1 else "")
        return "0 days"


@dataclass(frozen=True)
class TimedRule:
    """A deadline a rule sets: `length` after the day that starts it (that day not counted)."""

    name: str
    length: ClockLength
    citation: str


@dataclass(frozen=True)
class Rectification:
    """The rectification period a correction notice sets: usually `usual_months`, at most
    `max_months` (WY-FT 10(2): 一般为2个月，最多不超过4个月)."""

    usual_months: int
    max_months: int
    citation: str


@dataclass(frozen=True)
class FaultToleranceRules:
    citation: str
    clocks: Mapping[str, TimedRule] = field(hash=False)
    correction_notice: TimedRule | None = None
    rectification: Rectification | None = None


@dataclass(frozen=True)
class ReviewStage:
    key: str
    name_zh: str
    citation: str


@dataclass(frozen=True)
class ReformFilingRules:
    """The review chain of an innovation risk filing, in order (LG-FT 6(2))."""

    citation: str
    review_chain: tuple[ReviewStage, ...]


@dataclass(frozen=True)
class LeadershipLevels:
    """职务层次 from lowest to highest, as the jurisdiction names them."""

    levels: tuple[str, ...]
    citation: str

    def at_least(self, level: str, floor: str) -> bool | None:
        """Whether `level` is `floor` or above; None when either is not a known level."""
        if level not in self.levels or floor not in self.levels:
            return None
        return self.levels.index(level) >= self.levels.index(floor)


@dataclass(frozen=True)
class Channel:
    """A channel signals arrive by (IM 7-14) and the producer systems that report on it."""

    key: str
    name_zh: str
    citation: str
    producers: tuple[str, ...]
