"""Who may hold the decision talk, by the cadre's role: the pack's table (IM 20 and its
counterparts), never a table in code."""

from __future__ import annotations

from services.adjustment.domain.errors import WrongTalkerError
from shared.policy.procedure_rules import TalkRules


def require_allowed_talker(rules: TalkRules, cadre_role: str, talker_position: str) -> None:
    if talker_position not in rules.positions:
        raise WrongTalkerError(
            rules.citation, f"谈话人职位 {talker_position} 不在本辖区的谈话人职位中",
            f"talker position {talker_position!r} is not one of the jurisdiction's: "
            f"{', '.join(sorted(rules.positions))}", "talker_position")
    row = rules.rule_for(cadre_role)
    if talker_position not in row.talkers:
        raise WrongTalkerError(
            rules.citation, f"{rules.positions[talker_position]}不能与该干部谈话：{row.rule_zh}",
            f"a talker in position {talker_position!r} may not talk to a cadre with role "
            f"{cadre_role!r}; allowed: {', '.join(sorted(row.talkers))} — {row.rule_en}",
            "talker_position")
