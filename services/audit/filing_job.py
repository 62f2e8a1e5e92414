"""The periodic scan that flags annual filings not submitted by the end of January (IM 32)."""

from __future__ import annotations

from datetime import date

from services.audit.adapters.read_model import AuditReadModel
from services.audit.application import AuditRecords
from services.audit.domain.filing import filing_due_on
from services.audit.domain.filing_report import adjustment_year


def filings_expected(read_model: AuditReadModel) -> set[tuple[str, int]]:
    """Every (department, year) with at least one adjustment on record."""
    expected = set()
    for state in read_model.case_states():
        year = adjustment_year(state)
        if year is not None and state.get("managing_unit"):
            expected.add((str(state["managing_unit"]), year))
    return expected


def flag_overdue_filings(app: AuditRecords, read_model: AuditReadModel, today: date) -> list[tuple[str, int]]:
    flagged = []
    for org_dept, year in sorted(filings_expected(read_model)):
        if today > filing_due_on(year) and app.flag_overdue_filing(org_dept, year, today):
            flagged.append((org_dept, year))
    return flagged
