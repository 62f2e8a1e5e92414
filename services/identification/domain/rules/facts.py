"""Feed facts the rule engine reads: what the assessment and statistics systems report.

Every fact names the pack `feed` it belongs to (e.g. "annual_assessment"), the subject it is about
(a cadre id or a unit id, as the feed declares) and the period: an assessment year, or an
evaluation round for feeds counted in rounds (WY 9(3) "连续4次"). Values are exact: counts are
ints, measures are Fractions (a float would make a 10 % threshold inexact).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction


@dataclass(frozen=True)
class Grade:
    """A graded result: a cadre's annual grade, a unit's tier or rating, a term assessment."""

    subject_id: str
    period: int
    feed: str
    grade: str


@dataclass(frozen=True)
class Ballot:
    """Vote counts per option; shares are taken over the valid votes cast (SPEC §3).

    Every option counted here is a valid vote, abstentions included where the feed has them.
    """

    subject_id: str
    period: int
    feed: str
    counts: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        options = [option for option, _ in self.counts]
        if len(set(options)) != len(options):
            raise ValueError(f"ballot for {self.subject_id} repeats an option: {options}")
        if any(count < 0 for _, count in self.counts):
            raise ValueError(f"ballot for {self.subject_id} has a negative count")

    @classmethod
    def of(cls, subject_id: str, period: int, feed: str, **counts: int) -> Ballot:
        """E.g. Ballot.of("c1", 2023, "democratic_evaluation", excellent=5, competent=3)."""
        return cls(subject_id, period, feed, tuple(sorted(counts.items())))

    @property
    def valid_votes(self) -> int:
        return sum(count for _, count in self.counts)

    def votes_for(self, options: tuple[str, ...]) -> int:
        return sum(count for option, count in self.counts if option in options)


@dataclass(frozen=True)
class Rank:
    """A place in a ranking: 1 is first, `of` is last. `indicator` separates per-indicator ranks."""

    subject_id: str
    period: int
    feed: str
    rank: int
    of: int
    indicator: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.rank <= self.of:
            raise ValueError(f"rank {self.rank} of {self.of} for {self.subject_id} is impossible")

    @property
    def place_from_bottom(self) -> int:
        """1 for last place, 10 for tenth from the bottom ("后10位" includes it)."""
        return self.of - self.rank + 1


@dataclass(frozen=True)
class Incident:
    """`count` incidents of one severity class in one year (e.g. production-safety accidents)."""

    subject_id: str
    period: int
    feed: str
    severity: str
    count: int = 1

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"negative incident count for {self.subject_id}")


@dataclass(frozen=True)
class Flag:
    """A designation raised for a period: a one-vote veto, a key rectification unit."""

    subject_id: str
    period: int
    feed: str


@dataclass(frozen=True)
class Measure:
    """A measured quantity for a period, e.g. output growth as a ratio (Fraction(1, 10) = 10 %)."""

    subject_id: str
    period: int
    feed: str
    value: Fraction

    def __post_init__(self) -> None:
        if isinstance(self.value, float) or not isinstance(self.value, Fraction | int):
            raise TypeError("a measure must be a Fraction or int, never a float")
        object.__setattr__(self, "value", Fraction(self.value))


@dataclass(frozen=True)
class Absence:
    """A continuous absence (health, unsanctioned study leave, private secondment).

    `start` is the day it began; give either `end`, the last day of absence (or the as-of day
    while it continues), or `days`, the days elapsed after `start` counted by the Civil Code
    (the start day is not counted, so `days` ends on start + days).
    """

    subject_id: str
    feed: str
    start: date
    end: date | None = None
    days: int | None = None

    def __post_init__(self) -> None:
        if (self.end is None) == (self.days is None):
            raise ValueError("give exactly one of end and days")
        if self.days is not None and self.days < 0:
            raise ValueError("days cannot be negative")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"absence ends ({self.end}) before it starts ({self.start})")

    @property
    def last_day(self) -> date:
        if self.end is not None:
            return self.end
        assert self.days is not None  # guaranteed by __post_init__
        return date.fromordinal(self.start.toordinal() + self.days)


@dataclass(frozen=True)
class PostHeld:
    """A cadre currently holds `role` (an applies_to role such as "unit_head") in a unit."""

    cadre_id: str
    role: str
    unit_id: str = ""


@dataclass(frozen=True)
class Facts:
    """Everything one evaluation may look at; build it from the feeds, then call `evaluate`."""

    grades: tuple[Grade, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    ranks: tuple[Rank, ...] = ()
    incidents: tuple[Incident, ...] = ()
    flags: tuple[Flag, ...] = ()
    measures: tuple[Measure, ...] = ()
    absences: tuple[Absence, ...] = ()
    posts: tuple[PostHeld, ...] = ()
