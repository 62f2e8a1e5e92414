"""The jurisdiction's policy pack, read as the rules the domain checks a case against."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.adjustment.domain.case_rules import CaseRules
from services.adjustment.domain.errors import CitationRefusedError
from services.adjustment.domain.proposal_rules import FixedOutcomeRule, ProposalRules
from shared.policy import PackRegistry, PolicyPack, UnknownPackError

RulesOf = Callable[[str, int | None], CaseRules]


def rules_of_pack(pack: PolicyPack) -> ProposalRules:
    policy = pack.adjustment
    return ProposalRules(
        pack_id=pack.pack_id,
        methods={m.key: m.nature for m in policy.methods},
        natures={c.article: c.nature for c in pack.circumstances},
        codes={c.article: c.code for c in pack.circumstances},
        fixed_outcomes=tuple(
            FixedOutcomeRule(code=o.circumstance, citation=o.citation, methods=o.methods,
                             outcome=o.outcome, weight=o.weight)
            for o in policy.fixed_outcomes
        ),
        step_names=dict(policy.step_names),
        weights={m.key: m.weight for m in policy.methods},
        citations={c.article: c.citation for c in pack.circumstances},
    )


def case_rules_of_pack(pack: PolicyPack) -> CaseRules:
    return CaseRules(
        pack_id=pack.pack_id, version=pack.version, proposal=rules_of_pack(pack), meeting=pack.meeting,
        talk=pack.talk, salary_formalities=pack.salary_formalities,
        quota_absorption=pack.quota_absorption, step_names=dict(pack.adjustment.step_names),
    )


def case_rules_from(packs: PackRegistry) -> RulesOf:
    """The rules of a pack version (the one a case opened under); read from the registry each
    time, so a version loaded while the service runs is found without a restart."""

    def rules_of(pack_id: str, version: int | None) -> CaseRules:
        try:
            return case_rules_of_pack(packs.get(pack_id, version))
        except UnknownPackError as error:
            raise CitationRefusedError(
                "IM 16", f"该案件所属辖区无已加载的政策包：{error}",
                f"the case's jurisdiction has no loaded policy pack: {error}", "authority.pack_id",
            ) from None

    return rules_of


def version_in_force(packs: PackRegistry, pack_id: str, on: date) -> PolicyPack:
    """The pack version in force on the day of the determination, which the case keeps."""
    try:
        return packs.get(pack_id, on=on)
    except UnknownPackError as error:
        raise CitationRefusedError(
            "IM 16", f"认定所引政策包 {pack_id} 在 {on} 未生效或未加载：{error}",
            f"the determination cites pack {pack_id}, which is not loaded or not in force on {on}: "
            f"{error}", "authority.pack_id") from None
