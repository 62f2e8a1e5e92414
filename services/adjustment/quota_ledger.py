"""The post quota ledger commands of the adjustment Application (IM 25)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.case_store import CaseStore
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.errors import QuotaNotFoundError
from services.adjustment.domain.quota import PostQuota


class QuotaLedger(CaseStore):
    def set_quota(
        self, unit_id: str, rank: str, *, quota: int, occupied: int | None, set_by: str, set_on: date
    ) -> PostQuota:
        """Open the ledger of a unit and rank, or change its approved number of posts."""
        ledger = self.find(PostQuota.create_id(unit_id, rank), PostQuota)
        if ledger is None:
            ledger = PostQuota(unit_id=unit_id, rank=rank, quota=quota, occupied=occupied or 0,
                               set_by=set_by, set_on=set_on)
        else:
            ledger.set_quota(quota, set_by, set_on)
        self.save(ledger)
        return ledger

    def release_post(
        self, unit_id: str, rank: str, *, released_on: date, released_by: str, reason: str
    ) -> PostQuota:
        """A post fell vacant; the oldest over-quota placement is absorbed first."""
        ledger = self.get_quota(unit_id, rank)
        ledger.release(released_on, released_by, reason)
        self.save(ledger)
        return ledger

    def get_quota(self, unit_id: str, rank: str) -> PostQuota:
        ledger = self.find(PostQuota.create_id(unit_id, rank), PostQuota)
        if ledger is None:
            raise QuotaNotFoundError(f"no post quota ledger for {unit_id} at rank {rank}")
        return ledger

    def place_in_quota(
        self, case: AdjustmentCase, placed_on: date, approval: dict[str, Any]
    ) -> PostQuota | None:
        """Place the adjusted cadre in the destination unit's ledger, when one is kept for that rank."""
        assert case.proposal is not None
        unit_id = case.proposal.get("destination_unit_id")
        if not unit_id:
            return None  # no destination unit named: nothing to count against
        ledger = self.find(PostQuota.create_id(unit_id, case.proposal["new_rank"]), PostQuota)
        if ledger is None:
            return None
        absorb_by = approval.get("absorb_by")
        ledger.place(
            case_id=str(case.id), cadre_id=case.cadre_id, placed_on=placed_on,
            org_dept_approval=approval.get("org_dept_approval"),
            staffing_approval=approval.get("staffing_approval"),
            absorb_by=date.fromisoformat(absorb_by) if absorb_by else None,
        )
        return ledger
