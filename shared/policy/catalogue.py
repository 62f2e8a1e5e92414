"""Circumstance catalogues (SPEC §4.2), incentive "up" items (SPEC §9) and feed vocabularies."""

from __future__ import annotations

from dataclasses import dataclass

from shared.policy.triggers import Trigger

KINDS: frozenset[str] = frozenset({"qualitative", "quantitative"})
# IM 24: political, conviction, achievement-view, responsibility, style and moral problems call
# for punitive measures; inability not of the cadre's making, or health, for considerate ones.
NATURES: frozenset[str] = frozenset({"punitive", "considerate"})
FEED_KINDS: frozenset[str] = frozenset(
    {"grade", "ballot", "rank", "incident", "flag", "measure", "absence"}
)
SUBJECT_KINDS: frozenset[str] = frozenset({"cadre", "unit"})
PERIOD_UNITS: frozenset[str] = frozenset({"year", "round", "day"})


@dataclass(frozen=True)
class Feed:
    """A stream of facts a trigger reads, as the pack names it.

    `values` lists the vocabulary where there is one — grades best first, ballot options, incident
    severities least severe first — so triggers can be checked against it at load. `period_unit`
    says what a period is: an assessment year, or an evaluation round (WY 9(3) counts "times").
    """

    name: str
    kind: str
    subject: str
    name_zh: str
    name_en: str
    values: tuple[str, ...]
    period_unit: str


@dataclass(frozen=True)
class Circumstance:
    """One enumerated ground for unsuitability, citable by `code` (pack id + article)."""

    code: str
    article: str
    summary_zh: str
    name_en: str
    kind: str
    nature: str
    applies_to: tuple[str, ...]
    trigger: Trigger | None = None
    note: str = ""
    citation: str = ""  # the shared form, e.g. "IM 6(14)" (shared.policy.citation)
    # IM 24 across jurisdictions: items of other packs declared to be the same circumstance
    # (IM 6(14) / LG 8(4) / WY 8(4)), by code.
    equivalent_to: tuple[str, ...] = ()

    @property
    def quantitative(self) -> bool:
        return self.kind == "quantitative"


@dataclass(frozen=True)
class Incentive:
    """An "up" item: a machine-checkable ground for priority in promotion (SPEC §9)."""

    code: str
    article: str
    summary_zh: str
    name_en: str
    applies_to: tuple[str, ...]
    trigger: Trigger
    note: str = ""
    citation: str = ""
