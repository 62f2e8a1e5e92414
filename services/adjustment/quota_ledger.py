"""The post quota ledger commands of the adjustment Application (IM 25)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.case_store import CaseStore
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.errors import QuotaNotFoundError
from services.adjustment.domain.quota import PostQuota
from shared.access.acting import Acting


class QuotaLedger(CaseStore):
    def set_quota(
        self, unit_id: str, rank: str, *, quota: int, occupied: int | None, set_by: str, set_on: date,
        acting: Acting | None = None,
    ) -> PostQuota:
        """Open the ledger of a unit and rank, or change its approved number of posts."""
        ledger = self.find(PostQuota.create_id(unit_id, rank), PostQuota)
        if ledger is None:
            ledger = PostQuota(unit_id=unit_id, rank=rank, quota=quota, occupied=occupied or 0,
                               set_by=set_by, set_on=set_on)
        else:
            ledger.set_quota(quota, set_by, set_on)
        self.save(ledger, acting=acting)
        return ledger

    def release_post(
        self, unit_id: str, rank: str, *, released_on: date, released_by: str, reason: str,
        acting: Acting | None = None,
    ) -> PostQuota:
        """A post fell vacant; the oldest over-quota placement is absorbed first."""
        ledger = self.get_quota(unit_id, rank)
        ledger.release(released_on, released_by, reason)
        self.save(ledger, acting=acting)
        return ledger

    def get_quota(self, unit_id: str, rank: str) -> PostQuota:
        ledger = self.find(PostQuota.create_id(unit_id, rank), PostQuota)
        if ledger is None:
            raise QuotaNotFoundError(f"no post quota ledger for {unit_id} at rank {rank}")
        return ledger

    def move_in_quotas(
        self, case: AdjustmentCase, placed_on: date, approval: dict[str, Any], usual_absorb_by: date
    ) -> list[PostQuota]:
        """IM 25: the adjusted cadre fills a post of the new rank in the destination unit (the
        quota check applies to every move into a post) and leaves the former one, whose ledger
        releases it. Ledgers not kept for a unit and rank count nothing."""
        terms = case.adjustment_terms()
        into = (terms.get("new_unit_id") or case.cadre.get("unit_id") or "", terms["new_rank"])
        out_of = (case.cadre.get("unit_id") or "", terms["former_rank"])
        if into == out_of:
            return []  # the same unit and rank: no post changes hands in the ledger
        changed: list[PostQuota] = []
        new = self.find(PostQuota.create_id(*into), PostQuota)
        if new is not None:
            absorb_by = approval.get("absorb_by")
            new.place(
                case_id=str(case.id), cadre_id=case.cadre_id, placed_on=placed_on,
                org_dept_approval=approval.get("org_dept_approval"),
                staffing_approval=approval.get("staffing_approval"),
                absorb_by=date.fromisoformat(absorb_by) if absorb_by else None,
                usual_absorb_by=usual_absorb_by,
            )
            changed.append(new)
        former = self.find(PostQuota.create_id(*out_of), PostQuota)
        if former is not None and former.occupied > 0:
            former.release(placed_on, "adjustment", f"case {case.id}: moved to {terms['new_post']}")
            changed.append(former)
        return changed

    def undo_move_in_quotas(self, case: AdjustmentCase, appeal_id: str, on: date) -> list[PostQuota]:
        """A revoked adjustment: the destination post is vacated and the former one filled again."""
        if case.formalities is None:
            return []  # never executed: no ledger was touched
        terms = case.adjustment_terms()
        into = (terms.get("new_unit_id") or case.cadre.get("unit_id") or "", terms["new_rank"])
        out_of = (case.cadre.get("unit_id") or "", terms["former_rank"])
        if into == out_of:
            return []
        changed: list[PostQuota] = []
        new = self.find(PostQuota.create_id(*into), PostQuota)
        if new is not None and new.occupied > 0:
            new.release(on, "appeal", f"appeal {appeal_id}: adjustment {case.id} revoked")
            changed.append(new)
        former = self.find(PostQuota.create_id(*out_of), PostQuota)
        if former is not None:
            former.restore(str(case.id), case.cadre_id, on, appeal_id)
            changed.append(former)
        return changed
