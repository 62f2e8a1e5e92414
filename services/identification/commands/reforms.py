"""Innovation risk filings (LG-FT 6(2)) and their review chain."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.errors import ReformFilingNotFoundError, ReformFilingStepRefusedError
from services.identification.domain.reform_filing import ReformFiling
from shared.access.acting import Acting
from shared.policy import UnknownPackError


class ReformCommands(ConcernsBase):
    def get_filing(self, filing_id: UUID) -> ReformFiling:
        found = UnitOfWork(self).get(ReformFiling, filing_id)
        if found is None:
            raise ReformFilingNotFoundError(f"no innovation risk filing {filing_id}")
        return found

    def file_reform(self, acting: Acting | None = None, *, pack_id: str, **fields: Any) -> ReformFiling:
        """File a risky reform in advance, after the unit's discussion and the leader's consent;
        it is reviewed by the chain of the jurisdiction's pack (LG-FT 6(2))."""
        try:
            rules = self.packs.get(pack_id, on=fields["filed_on"]).reform_filing
        except UnknownPackError as error:
            raise ReformFilingStepRefusedError(f"pack_id: {error}") from None
        if rules is None:
            raise ReformFilingStepRefusedError(
                f"pack_id: {pack_id} has no innovation risk filing (LG-FT 6(2) is the Lingang pack's) "
                f"/ {pack_id} 未规定改革创新风险备案")
        chain = [{"key": s.key, "name_zh": s.name_zh, "citation": s.citation} for s in rules.review_chain]
        filing = ReformFiling(**fields, review_chain=chain, pack_id=pack_id)
        self.save(filing, acting=acting)
        return filing

    def review_reform(self, filing_id: UUID, *, stage: str, reviewer: str, approved: bool,
                      on: date, opinion: str, acting: Acting | None = None) -> ReformFiling:
        """Record the next review stage of the filing."""
        filing = self.get_filing(filing_id)
        filing.review(stage, reviewer, approved, on, opinion)
        self.save(filing, acting=acting)
        return filing

    def report_reform_results(self, filing_id: UUID, acting: Acting | None = None,
                              **fields: Any) -> ReformFiling:
        """Record the reform's results report and its evaluation."""
        filing = self.get_filing(filing_id)
        filing.report_results(**fields)
        self.save(filing, acting=acting)
        return filing
