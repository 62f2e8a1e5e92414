"""Plan terms read from the jurisdictions' policy packs (data, not code)."""

from __future__ import annotations

from collections.abc import Callable

from services.followup.domain.assessment_bar import AssessmentBar
from services.followup.domain.errors import UnknownImpactRuleError
from services.followup.domain.impact import ImpactRule
from services.followup.domain.terms import PlanTerms
from shared.policy.errors import UnknownPackError
from shared.policy.pack import PolicyPack
from shared.policy.registry import PackRegistry

PlanTermsFor = Callable[[str, str], PlanTerms]


def impact_rule(pack: PolicyPack, method: str) -> ImpactRule:
    """The method's impact period; a method of the pack without one has no bar (IM early retirement)."""
    if method not in {m.key for m in pack.adjustment.methods}:
        raise UnknownImpactRuleError(f"{pack.pack_id} has no adjustment method {method!r}")
    period = pack.followup.impact_periods.get(method)
    if period is None:
        return ImpactRule(0, 0, "none", f"{pack.followup.problem_citation} (no impact period for {method})")
    bar = period.bar if period.bar in ("promotion", "above_former_level") else "none"
    return ImpactRule(
        years=period.length.years, months=period.length.months,
        bar=bar,  # type: ignore[arg-type]
        citation=period.citation,
    )


def levels_from(registry: PackRegistry) -> Callable[[str], tuple[str, ...]]:
    """A pack's leadership levels, lowest first (none for a pack not loaded)."""
    def levels_of(pack_id: str) -> tuple[str, ...]:
        try:
            return registry.get(pack_id).leadership_levels.levels
        except UnknownPackError:
            return ()
    return levels_of


def plan_terms_from(registry: PackRegistry) -> PlanTermsFor:
    def terms_for(pack_id: str, method: str) -> PlanTerms:
        try:
            pack = registry.get(pack_id)
        except UnknownPackError as error:
            raise UnknownImpactRuleError(str(error)) from None
        followup = pack.followup
        bar = followup.reinstatement_bar
        retirement = next(
            (c for c in followup.consequences if c.case == "early_retirement_personal_reasons"), None
        )
        return PlanTerms(
            rule=impact_rule(pack, method),
            care_talk_interval_days=followup.care_talk_interval_days,
            recheck_interval_days=followup.recheck_interval_days,
            assessment_bar=AssessmentBar(
                pack.feeds[bar.feed].values, bar.min_grade, bar.assessments
            ),
            upper_consultation_required=followup.reinstatement_requires_upper_consultation,
            early_retirement_consequence=(
                retirement.citation if retirement is not None else None
            ),
            problem_citation=followup.problem_citation,
        )

    return terms_for
