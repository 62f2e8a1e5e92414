"""Per-period findings of a trigger leaf, and the "N consecutive periods" rule.

SPEC §3: "two consecutive years" means two adjacent periods, both in the record. A run longer
than N yields a finding for every period that closes N adjacent satisfying periods, so a third
basically-competent year is a fresh finding, not a silent repeat.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

# What a hit's figures may hold: JSON-friendly, exact (fractions are "a/b" strings).
Figure = str | int | tuple[str | int, ...]


def fraction_text(value: Fraction) -> str:
    """Always "a/b" (e.g. "2/3", "1/1"), so consumers never parse a float."""
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class Finding:
    """A leaf satisfied for one subject in one period (for one indicator, where ranked so)."""

    subject_id: str
    period: int
    indicator: str = ""
    observed: Mapping[str, Figure] = field(default_factory=dict, hash=False)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.subject_id, self.period, self.indicator)


def consecutive(findings: Iterable[Finding], periods: int) -> list[Finding]:
    """Findings closing `periods` adjacent satisfied periods; per-period figures become tuples."""
    if periods == 1:
        return sorted(findings, key=lambda f: f.key)
    series: dict[tuple[str, str], dict[int, Finding]] = defaultdict(dict)
    for finding in findings:
        series[(finding.subject_id, finding.indicator)][finding.period] = finding
    closed: list[Finding] = []
    for (subject_id, indicator), by_period in sorted(series.items()):
        for last in sorted(by_period):
            window = range(last - periods + 1, last + 1)
            if all(p in by_period for p in window):
                run = [by_period[p] for p in window]
                observed: dict[str, Figure] = {"periods": tuple(window)}
                for name in run[0].observed:
                    observed[name] = tuple(_scalar(f.observed[name]) for f in run)
                closed.append(Finding(subject_id, last, indicator, observed))
    return closed


def _scalar(value: Figure) -> str | int:
    if isinstance(value, tuple):
        raise TypeError("per-period figures must be scalars")
    return value
