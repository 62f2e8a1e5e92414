"""The annual filing (纪实报备, IM 32): each organisation department files the previous year's
record with the upper level by the end of January; submission and acknowledgement are recorded."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.audit.domain.errors import FilingStateError


def filing_due_on(year: int) -> date:
    """IM 32: 于每年1月底前向上一级组织部门报备上年度相关情况."""
    return date(year + 1, 1, 31)


class AnnualFiling(Aggregate):
    @staticmethod
    def create_id(org_dept: str, year: int) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-filing:{org_dept}:{year}")

    @event("Opened")
    def __init__(self, org_dept: str, year: int) -> None:
        self.org_dept = org_dept
        self.year = year
        self.submission: dict[str, Any] | None = None
        self.acknowledgement: dict[str, Any] | None = None
        self.flagged_overdue_on: date | None = None

    @property
    def due_on(self) -> date:
        return filing_due_on(self.year)

    def submit(self, by: str, on: date, adjustments: int, digest: str,
               checkpoint: dict[str, Any] | None = None) -> None:
        """Submit the year's filing; it carries the audit log's latest signed checkpoint, so the
        upper level holds a copy of it that the audit database cannot rewrite."""
        if self.submission is not None:
            raise FilingStateError(f"the {self.year} filing of {self.org_dept} was already submitted")
        if on.year <= self.year:
            raise FilingStateError(f"the {self.year} filing is made after the year ends, not on {on}")
        self._submitted(by=by, on=on, adjustments=adjustments, digest=digest, late=on > self.due_on,
                        checkpoint=checkpoint)

    @event("Submitted")
    def _submitted(self, by: str, on: date, adjustments: int, digest: str, late: bool,
                   checkpoint: dict[str, Any] | None = None) -> None:
        self.submission = {"by": by, "on": on.isoformat(), "adjustments": adjustments,
                           "digest": digest, "late": late, "checkpoint": checkpoint}

    def acknowledge(self, by: str, on: date) -> None:
        if self.submission is None:
            raise FilingStateError("nothing has been submitted to acknowledge")
        if self.acknowledgement is not None:
            raise FilingStateError("the filing was already acknowledged")
        self._acknowledged(by=by, on=on)

    @event("Acknowledged")
    def _acknowledged(self, by: str, on: date) -> None:
        self.acknowledgement = {"by": by, "on": on.isoformat()}

    def flag_if_overdue(self, today: date) -> bool:
        """Flag once when the end of January passes without a submission; True when flagged now."""
        if self.submission is not None or self.flagged_overdue_on is not None or today <= self.due_on:
            return False
        self._flagged_overdue(detected_on=today)
        return True

    @event("FlaggedOverdue")
    def _flagged_overdue(self, detected_on: date) -> None:
        self.flagged_overdue_on = detected_on

    def status(self, today: date) -> dict[str, Any]:
        if self.acknowledgement is not None:
            state = "acknowledged"
        elif self.submission is not None:
            state = "submitted"
        else:
            state = "overdue" if self.flagged_overdue_on is not None or today > self.due_on else "open"
        return {
            "org_dept": self.org_dept, "year": self.year, "due_on": self.due_on.isoformat(), "state": state,
            "submission": self.submission, "acknowledgement": self.acknowledgement,
            "flagged_overdue_on": self.flagged_overdue_on.isoformat() if self.flagged_overdue_on else None,
        }
