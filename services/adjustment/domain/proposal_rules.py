"""What a proposal must respect: the pack's methods, its fixed outcomes and IM 24's two natures.

The rules are plain data built from the jurisdiction's policy pack by an adapter, so the domain
checks them without reading any file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from services.adjustment.domain.errors import ProposalRefusedError


@dataclass(frozen=True)
class FixedOutcomeRule:
    """A method (or, with no method, an outcome) the text fixes for a circumstance."""

    code: str
    citation: str
    methods: tuple[str, ...]
    outcome: str
    weight: int = 1  # of an outcome outside the catalogue; catalogued methods weigh themselves

    def allows(self, method: str) -> bool:
        return method in self.methods if self.methods else method == self.outcome

    def describe(self) -> str:
        return " or ".join(self.methods) if self.methods else self.outcome


@dataclass(frozen=True)
class ProposalRules:
    pack_id: str
    methods: Mapping[str, str] = field(hash=False)  # method key -> nature
    natures: Mapping[str, str] = field(hash=False)  # circumstance article -> nature
    codes: Mapping[str, str] = field(hash=False)  # circumstance article -> code
    fixed_outcomes: tuple[FixedOutcomeRule, ...] = ()
    step_names: Mapping[str, str] = field(hash=False, default_factory=dict)
    weights: Mapping[str, int] = field(hash=False, default_factory=dict)  # method key -> weight
    citations: Mapping[str, str] = field(hash=False, default_factory=dict)  # article -> citation

    def floor(self, outcomes: Sequence[FixedOutcomeRule]) -> int:
        """The lightest measure an item's fixed outcomes allow: how much the item demands."""
        return min(min((self.weights.get(m, 0) for m in o.methods), default=o.weight) for o in outcomes)


def _cited_articles(rules: ProposalRules, circumstances: Sequence[Mapping[str, str]]) -> list[str]:
    articles = [c["article"] for c in circumstances if c.get("pack_id", rules.pack_id) == rules.pack_id]
    unknown = [a for a in articles if a not in rules.natures]
    if unknown:
        raise ProposalRefusedError(
            "IM 24", f"{rules.pack_id} 无情形 {'、'.join(unknown)}，无法按情形性质审核建议",
            f"{rules.pack_id} has no circumstance {', '.join(unknown)}: the proposal cannot be "
            "checked against the circumstance's nature", "circumstances")
    return articles


def governing_outcomes(rules: ProposalRules, articles: Sequence[str]) -> list[FixedOutcomeRule]:
    """WY 9(3): when several cited items fix outcomes, the heaviest governs.

    Items are weighed by the lightest measure they allow, so an item fixing "demotion or removal"
    outweighs one fixing "a non-leadership post"; the fixed outcomes of one item stay alternatives
    (their branch, which fired, is not on the citation).
    """
    by_item: dict[str, list[FixedOutcomeRule]] = {}
    cited = {rules.codes[a] for a in articles}
    for outcome in rules.fixed_outcomes:
        if outcome.code in cited:
            by_item.setdefault(outcome.code, []).append(outcome)
    if not by_item:
        return []
    heaviest = max(rules.floor(outcomes) for outcomes in by_item.values())
    return [o for outcomes in by_item.values() if rules.floor(outcomes) == heaviest for o in outcomes]


def check_proposal(
    rules: ProposalRules, circumstances: Sequence[Mapping[str, str]], method: str, nature: str
) -> None:
    """Raise ProposalRefusedError naming the broken rule; return when the proposal may stand."""
    articles = _cited_articles(rules, circumstances)
    fixed = governing_outcomes(rules, articles)
    if fixed:
        # A fixed outcome overrides the free choice of method and IM 24's general steer
        # (e.g. WY 9(3)1 fixes a non-leadership post for a punitive circumstance).
        if not any(o.allows(method) for o in fixed):
            wanted = "; ".join(f"{o.citation}: {o.describe()}" for o in fixed)
            cited = ", ".join(sorted({o.citation for o in fixed}))
            raise ProposalRefusedError(
                cited, f"所引情形规定了调整方式（{wanted}），不得采用 {method}",
                f"method {method!r} breaks a fixed outcome ({wanted})"
                + ("; the heaviest of the cited items governs (WY 9(3))"
                   if len(rules.fixed_outcomes) > 1 and len(articles) > 1 else ""),
                "method")
        if method not in rules.methods:
            return  # an outcome outside the method catalogue (e.g. LG 8(6) ending an appointment)
    elif method not in rules.methods:
        raise ProposalRefusedError(
            "IM 23", f"{rules.pack_id} 无调整方式 {method}；可用：{'、'.join(sorted(rules.methods))}",
            f"{rules.pack_id} does not allow method {method!r}; allowed: "
            f"{', '.join(sorted(rules.methods))}", "method")
    if nature != rules.methods[method]:
        raise ProposalRefusedError(
            "IM 24", f"{method} 在 {rules.pack_id} 中属于 {rules.methods[method]} 性质，不是 {nature}",
            f"method {method!r} is {rules.methods[method]} in {rules.pack_id}, not {nature}", "nature")
    if fixed or not articles:
        return
    required = required_nature(rules, articles)
    if nature != required:
        cited = ", ".join(rules.citations.get(a, a) for a in articles)
        raise ProposalRefusedError(
            "IM 24", f"所引情形（{cited}）应采取 {required} 性质的措施，不是 {nature}",
            f"the circumstances ({cited}) call for a {required} measure, not a {nature} one",
            "nature")


def required_nature(rules: ProposalRules, articles: Sequence[str]) -> str:
    """IM 24: any problem of politics, conviction, responsibility, style or morals is punitive;
    only inability not of the cadre's making or health calls for a considerate arrangement."""
    natures = {rules.natures[a] for a in articles}
    return "punitive" if "punitive" in natures else "considerate"
