"""A review (复核) or appeal (申诉) against an adjustment decision (IM 22).

Its own aggregate, so that it never touches the case: IM 22 says review and appeal do not stop the
decision's execution, and a case step never waits for, or even looks at, an appeal. A modified or
revoked decision is carried out as a new, recorded correction; the case's history stays as it was.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from services.adjustment.domain.errors import AppealRefusedError

OUTCOMES = ("upheld", "modified", "revoked")
# Restored on revocation unless the decision says otherwise (IM 22: the adjustment is undone).
RESTORED_PAY_ON_REVOCATION = "pay and benefits of the former post restored"


class Appeal(Aggregate):
    @event("Lodged")
    def __init__(
        self,
        case_id: str,
        cadre_id: str,
        terms: dict[str, Any],
        kind: str,
        lodged_by: str,
        lodged_on: date,
        grounds: str,
    ) -> None:
        self.case_id = case_id
        self.cadre_id = cadre_id
        self.terms = terms
        self.kind = kind
        self.lodged_by = lodged_by
        self.lodged_on = lodged_on
        self.grounds = grounds
        self.decision: dict[str, Any] | None = None
        self.correction: dict[str, Any] | None = None

    @classmethod
    def lodge(
        cls, *, case_id: str, cadre_id: str, terms: dict[str, Any] | None, decided_on: date | None,
        kind: str, lodged_by: str, lodged_on: date, grounds: str,
    ) -> Appeal:
        """Lodge against a decided case; `terms` and `decided_on` come from the case's decision."""
        if terms is None or decided_on is None:
            raise AppealRefusedError("a review or appeal is lodged against a decision: none is recorded yet")
        if lodged_on < decided_on:
            raise AppealRefusedError(f"lodged on {lodged_on}, before the decision of {decided_on}")
        return cls(case_id=case_id, cadre_id=cadre_id, terms=terms, kind=kind, lodged_by=lodged_by,
                   lodged_on=lodged_on, grounds=grounds)

    def decide(
        self,
        *,
        outcome: str,
        decided_on: date,
        decided_by: str,
        reason: str,
        effective_on: date | None = None,
        restored_post: str | None = None,
        restored_rank: str | None = None,
        restored_pay: str | None = None,
        new_method: str | None = None,
    ) -> None:
        if self.decision is not None:
            raise AppealRefusedError(f"this {self.kind} is already decided ({self.decision['outcome']})")
        if outcome not in OUTCOMES:
            raise AppealRefusedError(f"unknown outcome {outcome!r}")
        if decided_on < self.lodged_on:
            raise AppealRefusedError(f"decided on {decided_on}, before it was lodged on {self.lodged_on}")
        correction: dict[str, Any] | None = None
        if outcome == "revoked":
            correction = {
                "restored_post": restored_post or self.terms["former_post"],
                "restored_rank": restored_rank or self.terms["former_rank"],
                "restored_pay": restored_pay or RESTORED_PAY_ON_REVOCATION,
                "new_method": None,
            }
        elif outcome == "modified":
            if not (new_method or restored_post or restored_rank):
                raise AppealRefusedError("a modification names the new method, post or rank")
            correction = {
                "restored_post": restored_post, "restored_rank": restored_rank,
                "restored_pay": restored_pay, "new_method": new_method,
            }
        if correction is not None:
            correction["effective_on"] = (effective_on or decided_on).isoformat()
        self._decided(
            outcome=outcome, decided_on=decided_on, decided_by=decided_by, reason=reason,
            correction=correction, case_id=self.case_id, cadre_id=self.cadre_id,
        )

    @event("Decided")
    def _decided(
        self, outcome: str, decided_on: date, decided_by: str, reason: str,
        correction: dict[str, Any] | None, case_id: str, cadre_id: str,
    ) -> None:
        self.decision = {
            "outcome": outcome, "decided_on": decided_on.isoformat(), "decided_by": decided_by,
            "reason": reason,
        }
        self.correction = correction
