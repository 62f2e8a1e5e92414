"""Innovation risk filings (LG-FT 6(2)) and their review chain."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.errors import ReformFilingNotFoundError
from services.identification.domain.reform_filing import ReformFiling


class ReformCommands(ConcernsBase):
    def get_filing(self, filing_id: UUID) -> ReformFiling:
        found = UnitOfWork(self).get(ReformFiling, filing_id)
        if found is None:
            raise ReformFilingNotFoundError(f"no innovation risk filing {filing_id}")
        return found

    def file_reform(self, **fields: Any) -> ReformFiling:
        """File a risky reform in advance, after the unit's discussion and the leader's consent."""
        filing = ReformFiling(**fields)
        self.save(filing)
        return filing

    def review_reform(self, filing_id: UUID, *, stage: str, reviewer: str, approved: bool,
                      on: date, opinion: str) -> ReformFiling:
        filing = self.get_filing(filing_id)
        filing.review(stage, reviewer, approved, on, opinion)
        self.save(filing)
        return filing

    def report_reform_results(self, filing_id: UUID, **fields: Any) -> ReformFiling:
        filing = self.get_filing(filing_id)
        filing.report_results(**fields)
        self.save(filing)
        return filing
