"""Everything a case is checked against, from the pack version it opened under (plain data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.adjustment.domain.proposal_rules import ProposalRules
from shared.policy.procedure_rules import MeetingRule, TalkRules, TimedRule


@dataclass(frozen=True)
class CaseRules:
    pack_id: str
    version: int
    proposal: ProposalRules
    meeting: MeetingRule
    talk: TalkRules
    salary_formalities: TimedRule  # IM 21
    quota_absorption: TimedRule  # IM 25
    step_names: Mapping[str, str] = field(hash=False, default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.pack_id} v{self.version}"
