"""What may follow a determination: adjustment methods, steps, follow-up and early-sign measures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shared.policy.triggers import Length

# The five steps in their fixed order (IM 15: 不得变通、减少、倒置); packs only rename them.
STEP_KEYS: tuple[str, ...] = ("verify_determine", "propose", "decide", "talk", "formalities")
# "promotion": no promotion at all (不得提拔); "above_former_level": no post above the former
# level (LG 13, resignations); "former_post_benefits": benefits of the former post are lost.
BAR_KINDS: frozenset[str] = frozenset({"promotion", "above_former_level", "former_post_benefits"})
# The graded early-sign measures of IM 14, in ascending weight: what a pack lists when it follows
# IM 14; a pack may list its own kinds (WY 11(1) names four).
EARLY_SIGN_KEYS: tuple[str, ...] = (
    "reminder",
    "talk",
    "letter_of_inquiry",
    "criticism_education",
    "ordered_self_examination",
    "admonishment",
)


@dataclass(frozen=True)
class AdjustmentMethod:
    """An allowed adjustment method; `step_names` are the pack's labels for STEP_KEYS."""

    key: str
    name_zh: str
    nature: str
    step_names: Mapping[str, str] = field(hash=False)
    note: str = ""
    # How heavy the measure is, against the pack's other methods: when several cited items fix
    # outcomes, the heaviest governs (WY 9(3)).
    weight: int = 0


@dataclass(frozen=True)
class FixedOutcome:
    """A method the text fixes for a circumstance (e.g. WY 13: incompetent unit head -> removal).

    `branch` narrows it to one labelled trigger branch; `methods` may be empty when the outcome is
    outside the method catalogue (`outcome`, e.g. ending an appointment, LG 8(6)).
    """

    circumstance: str
    branch: str
    methods: tuple[str, ...]
    outcome: str
    citation: str
    summary_zh: str
    weight: int = 0  # of an outcome outside the method catalogue; else the methods' own weights


@dataclass(frozen=True)
class AdjustmentPolicy:
    methods: tuple[AdjustmentMethod, ...]
    step_names: Mapping[str, str] = field(hash=False)
    fixed_outcomes: tuple[FixedOutcome, ...] = ()
    note: str = ""

    def method(self, key: str) -> AdjustmentMethod:
        for method in self.methods:
            if method.key == key:
                return method
        raise KeyError(key)

    def outcomes_for(self, code: str) -> tuple[FixedOutcome, ...]:
        return tuple(o for o in self.fixed_outcomes if o.circumstance == code)


@dataclass(frozen=True)
class ImpactPeriod:
    """No promotion (of the `bar` kind) until `length` has run from the adjustment."""

    method: str
    length: Length
    bar: str
    citation: str
    source: str


@dataclass(frozen=True)
class Consequence:
    """A lasting consequence that is not a timed impact period (LG 13, early retirement)."""

    case: str
    bar: str
    citation: str
    summary_zh: str


@dataclass(frozen=True)
class ReinstatementBar:
    """The minimum grade on `feed`, held in `assessments` assessments after adjustment."""

    feed: str
    min_grade: str
    assessments: int


@dataclass(frozen=True)
class FollowupPolicy:
    impact_periods: Mapping[str, ImpactPeriod] = field(hash=False)
    care_talk_interval_days: int
    recheck_interval_days: int
    reinstatement_bar: ReinstatementBar
    reinstatement_requires_upper_consultation: bool
    consequences: tuple[Consequence, ...] = ()
    source: str = ""
    # Where a problem found in follow-up is dealt with by rule (IM 30; LG 14; WY 17).
    problem_citation: str = ""


@dataclass(frozen=True)
class EarlySignMeasure:
    key: str
    name_zh: str
    name_en: str
    citation: str = ""
