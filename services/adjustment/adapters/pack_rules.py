"""The jurisdiction's policy pack, read as the proposal rules and step names the domain checks."""

from __future__ import annotations

from collections.abc import Callable

from services.adjustment.domain.errors import ProposalRefusedError
from services.adjustment.domain.proposal_rules import FixedOutcomeRule, ProposalRules
from shared.policy import PackRegistry, PolicyPack, UnknownPackError

RulesOf = Callable[[str], ProposalRules]


def rules_of_pack(pack: PolicyPack) -> ProposalRules:
    policy = pack.adjustment
    return ProposalRules(
        pack_id=pack.pack_id,
        methods={m.key: m.nature for m in policy.methods},
        natures={c.article: c.nature for c in pack.circumstances},
        codes={c.article: c.code for c in pack.circumstances},
        fixed_outcomes=tuple(
            FixedOutcomeRule(code=o.circumstance, article=o.article, methods=o.methods, outcome=o.outcome)
            for o in policy.fixed_outcomes
        ),
        step_names=dict(policy.step_names),
    )


def proposal_rules_from(packs: PackRegistry) -> RulesOf:
    """Look up (once per pack) the rules of the pack a case's authority names."""
    cache: dict[str, ProposalRules] = {}

    def rules_of(pack_id: str) -> ProposalRules:
        if pack_id not in cache:
            try:
                cache[pack_id] = rules_of_pack(packs.get(pack_id))
            except UnknownPackError as error:
                raise ProposalRefusedError(f"the case's jurisdiction has no policy pack: {error}") from None
        return cache[pack_id]

    return rules_of
