"""A policy pack: one jurisdiction's rules, one version, loaded from one JSON file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shared.policy.catalogue import Circumstance, Feed, Incentive
from shared.policy.errors import UnknownCircumstanceError
from shared.policy.measures import AdjustmentPolicy, EarlySignMeasure, FollowupPolicy
from shared.policy.procedure_rules import (
    Channel,
    FaultToleranceRules,
    LeadershipLevels,
    MeetingRule,
    ReformFilingRules,
    TalkRules,
    TimedRule,
)


@dataclass(frozen=True)
class Source:
    """The document the pack transcribes."""

    document_zh: str
    issuer_zh: str
    number: str
    date: str


@dataclass(frozen=True)
class PolicyPack:
    pack_id: str
    version: int
    title_zh: str
    title_en: str
    source: Source
    feeds: Mapping[str, Feed] = field(hash=False)
    circumstances: tuple[Circumstance, ...]
    incentives: tuple[Incentive, ...]
    adjustment: AdjustmentPolicy
    followup: FollowupPolicy
    early_sign_measures: tuple[EarlySignMeasure, ...]
    citation_prefix: str
    meeting: MeetingRule
    talk: TalkRules
    salary_formalities: TimedRule
    quota_absorption: TimedRule
    leadership_levels: LeadershipLevels
    fault_tolerance: FaultToleranceRules | None = None
    reform_filing: ReformFilingRules | None = None
    channels: tuple[Channel, ...] = ()
    # The day this version applies from when no activation says otherwise (ISO date).
    effective_from: str = ""

    @property
    def ref(self) -> str:
        """`IM-2022 v1`: the pack version, as errors and records name it."""
        return f"{self.pack_id} v{self.version}"

    def by_article(self, article: str) -> Circumstance:
        """The circumstance cited by article (`art. 6(14)`), as determinations cite it."""
        for circumstance in self.circumstances:
            if circumstance.article == article:
                return circumstance
        raise UnknownCircumstanceError(f"{self.ref} has no item {article!r}")

    def item(self, code: str) -> Circumstance:
        """The circumstance with this code, e.g. "IM-2022/6(14)"."""
        for circumstance in self.circumstances:
            if circumstance.code == code:
                return circumstance
        raise UnknownCircumstanceError(f"{self.pack_id} v{self.version} has no item {code!r}")

    def incentive(self, code: str) -> Incentive:
        """The "up" item with this code, e.g. "WY-2019/incentive-7(1)"."""
        for incentive in self.incentives:
            if incentive.code == code:
                return incentive
        raise UnknownCircumstanceError(f"{self.pack_id} v{self.version} has no up item {code!r}")

    def quantitative(self) -> tuple[Circumstance, ...]:
        """The items the rule engine evaluates from feeds."""
        return tuple(c for c in self.circumstances if c.quantitative)
