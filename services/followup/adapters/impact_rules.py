"""Impact rules read from the jurisdictions' policy packs (data, not code)."""

from __future__ import annotations

from services.followup.application import ImpactRules
from services.followup.domain.errors import UnknownImpactRuleError
from services.followup.domain.impact import ImpactRule
from shared.policy.errors import UnknownPackError
from shared.policy.registry import PackRegistry


def impact_rules_from(registry: PackRegistry) -> ImpactRules:
    def rule_for(pack_id: str, method: str) -> ImpactRule:
        try:
            pack = registry.get(pack_id)
        except UnknownPackError as error:
            raise UnknownImpactRuleError(str(error)) from None
        period = pack.followup.impact_periods.get(method)
        if period is None:
            raise UnknownImpactRuleError(f"{pack_id} has no impact period for method {method!r}")
        bar = period.bar if period.bar in ("promotion", "above_former_level") else "none"
        return ImpactRule(
            years=period.length.years,
            months=period.length.months,
            bar=bar,  # type: ignore[arg-type]
            citation=f"{pack_id} {period.article}",
        )

    return rule_for
