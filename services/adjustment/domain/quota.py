"""The post quota ledger of one unit and rank: placements within quota, and over it (IM 25).

IM 25: adjusted cadres are placed within the post quota; going over it temporarily needs the
approval of the upper-level organisation department and of the staffing department and a deadline
to absorb the excess, usually within one year.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.adjustment.domain.errors import PlacementStateError, QuotaExceededError


class PostQuota(Aggregate):
    @staticmethod
    def create_id(unit_id: str, rank: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:post-quota:{unit_id}:{rank}")

    @event("Established")
    def __init__(self, unit_id: str, rank: str, quota: int, occupied: int, set_by: str, set_on: date) -> None:
        self.unit_id = unit_id
        self.rank = rank
        self.quota = quota
        self.occupied = occupied
        # case_id -> placement record; `absorbed_on` is set once the excess is absorbed.
        self.over_quota: dict[str, dict[str, Any]] = {}

    @property
    def unabsorbed(self) -> list[str]:
        """Over-quota placements still in excess, oldest first."""
        # The dict keeps placement order (and replay rebuilds it in the same order).
        return [case_id for case_id, p in self.over_quota.items() if not p["absorbed_on"]]

    def _to_absorb(self, occupied: int, quota: int) -> list[str]:
        # The oldest excess is absorbed first, as posts free up or the quota grows.
        still_over = max(0, occupied - quota)
        waiting = self.unabsorbed
        return waiting[: max(0, len(waiting) - still_over)]

    def place(
        self,
        *,
        case_id: str,
        cadre_id: str,
        placed_on: date,
        org_dept_approval: str | None = None,
        staffing_approval: str | None = None,
        absorb_by: date | None = None,
        usual_absorb_by: date | None = None,
    ) -> None:
        """`usual_absorb_by` ends the pack's usual absorption period (IM 25: 一般应在1年内消化),
        the deadline when the approvals name none."""
        if case_id in self.over_quota:
            raise PlacementStateError(f"case {case_id} is already placed in this ledger")
        if self.occupied < self.quota:
            self._placed(case_id=case_id, cadre_id=cadre_id, placed_on=placed_on)
            return
        if not (org_dept_approval and staffing_approval):
            raise QuotaExceededError(
                f"{self.unit_id} has {self.occupied} of {self.quota} {self.rank} posts filled: "
                "placing over quota needs the approval of the upper-level organisation department "
                "and of the staffing department (IM 25)"
            )
        deadline = absorb_by or usual_absorb_by
        if deadline is None:
            raise QuotaExceededError("an over-quota placement needs an absorption deadline (IM 25)")
        if deadline <= placed_on:
            raise QuotaExceededError(f"the absorption deadline {deadline} must follow {placed_on}")
        self._placed_over_quota(
            case_id=case_id, cadre_id=cadre_id, placed_on=placed_on, org_dept_approval=org_dept_approval,
            staffing_approval=staffing_approval, absorb_by=deadline, unit_id=self.unit_id, rank=self.rank,
        )

    @event("Placed")
    def _placed(self, case_id: str, cadre_id: str, placed_on: date) -> None:
        self.occupied += 1

    @event("PlacedOverQuota")
    def _placed_over_quota(
        self, case_id: str, cadre_id: str, placed_on: date, org_dept_approval: str,
        staffing_approval: str, absorb_by: date, unit_id: str, rank: str,
    ) -> None:
        self.occupied += 1
        self.over_quota[case_id] = {
            "cadre_id": cadre_id, "placed_on": placed_on, "org_dept_approval": org_dept_approval,
            "staffing_approval": staffing_approval, "absorb_by": absorb_by, "absorbed_on": None,
            "overdue_on": None,
        }

    def release(self, released_on: date, released_by: str, reason: str) -> None:
        """A post of this rank fell vacant (retirement, transfer out, …)."""
        if self.occupied == 0:
            raise PlacementStateError("no filled post to release")
        absorbed = self._to_absorb(self.occupied - 1, self.quota)
        self._released(released_on=released_on, released_by=released_by, reason=reason, absorbed=absorbed)

    @event("Released")
    def _released(self, released_on: date, released_by: str, reason: str, absorbed: list[str]) -> None:
        self.occupied -= 1
        for case_id in absorbed:
            self.over_quota[case_id]["absorbed_on"] = released_on

    def restore(self, case_id: str, cadre_id: str, restored_on: date, appeal_id: str) -> None:
        """A revoked adjustment gives the cadre the former post back (IM 22): the correction is
        owed to them, so it is recorded even when the ledger has since filled up."""
        self._restored(case_id=case_id, cadre_id=cadre_id, restored_on=restored_on, appeal_id=appeal_id)

    @event("Restored")
    def _restored(self, case_id: str, cadre_id: str, restored_on: date, appeal_id: str) -> None:
        self.occupied += 1

    def set_quota(self, quota: int, set_by: str, set_on: date) -> None:
        absorbed = self._to_absorb(self.occupied, quota)
        self._quota_set(quota=quota, set_by=set_by, set_on=set_on, absorbed=absorbed)

    @event("QuotaSet")
    def _quota_set(self, quota: int, set_by: str, set_on: date, absorbed: list[str]) -> None:
        self.quota = quota
        for case_id in absorbed:
            self.over_quota[case_id]["absorbed_on"] = set_on

    def flag_absorption_overdue(self, case_id: str, detected_on: date) -> None:
        placement = self.over_quota.get(case_id)
        if placement is None or placement["absorbed_on"] or placement["overdue_on"]:
            raise PlacementStateError(f"no open over-quota placement of case {case_id} to flag")
        if detected_on <= placement["absorb_by"]:
            raise PlacementStateError(f"the absorption deadline {placement['absorb_by']} has not passed")
        self._absorption_overdue(
            case_id=case_id, cadre_id=placement["cadre_id"], absorb_by=placement["absorb_by"],
            detected_on=detected_on, unit_id=self.unit_id, rank=self.rank,
        )

    @event("AbsorptionOverdueDetected")
    def _absorption_overdue(
        self, case_id: str, cadre_id: str, absorb_by: date, detected_on: date, unit_id: str, rank: str
    ) -> None:
        self.over_quota[case_id]["overdue_on"] = detected_on
