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
    article: str
    methods: tuple[str, ...]
    outcome: str

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


def _cited_articles(rules: ProposalRules, circumstances: Sequence[Mapping[str, str]]) -> list[str]:
    articles = [c["article"] for c in circumstances if c.get("pack_id", rules.pack_id) == rules.pack_id]
    unknown = [a for a in articles if a not in rules.natures]
    if unknown:
        raise ProposalRefusedError(
            f"{rules.pack_id} has no circumstance {', '.join(unknown)}: the proposal cannot be "
            "checked against the circumstance's nature (IM 24)"
        )
    return articles


def check_proposal(
    rules: ProposalRules, circumstances: Sequence[Mapping[str, str]], method: str, nature: str
) -> None:
    """Raise ProposalRefusedError naming the broken rule; return when the proposal may stand."""
    articles = _cited_articles(rules, circumstances)
    cited_codes = {rules.codes[a] for a in articles}
    fixed = [o for o in rules.fixed_outcomes if o.code in cited_codes]
    if fixed:
        # A fixed outcome overrides the free choice of method and IM 24's general steer
        # (e.g. WY 9(3)1 fixes a non-leadership post for a punitive circumstance).
        if not any(o.allows(method) for o in fixed):
            wanted = "; ".join(f"{rules.pack_id} {o.article}: {o.describe()}" for o in fixed)
            raise ProposalRefusedError(f"method {method!r} breaks a fixed outcome ({wanted})")
        if method not in rules.methods:
            return  # an outcome outside the method catalogue (e.g. LG 8(6) ending an appointment)
    elif method not in rules.methods:
        raise ProposalRefusedError(
            f"{rules.pack_id} does not allow method {method!r}; allowed: "
            f"{', '.join(sorted(rules.methods))} (SPEC §5.2)"
        )
    if nature != rules.methods[method]:
        raise ProposalRefusedError(
            f"method {method!r} is {rules.methods[method]} in {rules.pack_id}, not {nature}"
        )
    if fixed or not articles:
        return
    required = required_nature(rules, articles)
    if nature != required:
        raise ProposalRefusedError(
            f"IM 24: the circumstances ({', '.join(articles)}) call for a {required} measure, "
            f"not a {nature} one"
        )


def required_nature(rules: ProposalRules, articles: Sequence[str]) -> str:
    """IM 24: any problem of politics, conviction, responsibility, style or morals is punitive;
    only inability not of the cadre's making or health calls for a considerate arrangement."""
    natures = {rules.natures[a] for a in articles}
    return "punitive" if "punitive" in natures else "considerate"
