"""Review and appeal commands of the adjustment Application (IM 22).

An appeal is saved on its own: lodging or deciding it never loads-and-saves the case, so no case
step can wait on it or collide with it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.adjustment.case_store import Guard
from services.adjustment.domain.appeal import Appeal
from services.adjustment.domain.errors import AppealNotFoundError
from services.adjustment.quota_ledger import QuotaLedger
from shared.access.acting import Acting


class AppealCommands(QuotaLedger):
    def lodge_appeal(
        self, case_id: UUID, *, kind: str, lodged_by: str, lodged_on: date, grounds: str,
        guard: Guard | None = None, acting: Acting | None = None,
    ) -> Appeal:
        """The cadre requests a review or lodges an appeal against the decision (IM 22)."""
        case = self.get_case(case_id, guard)
        decided_on = date.fromisoformat(case.decision["meeting_date"]) if case.decision else None
        appeal = Appeal.lodge(
            case_id=str(case.id), cadre_id=case.cadre_id,
            terms=case.adjustment_terms() if case.decision else None, decided_on=decided_on,
            kind=kind, lodged_by=lodged_by, lodged_on=lodged_on, grounds=grounds,
        )
        self.save(appeal, acting=acting)
        return appeal

    def decide_appeal(
        self, appeal_id: UUID, decision: dict[str, Any], guard: Guard | None = None,
        acting: Acting | None = None,
    ) -> Appeal:
        """Upheld, modified or revoked; the latter two are carried out as a correction. A revoked
        adjustment also gives the former post back in the quota ledgers, in the same commit."""
        appeal = self.get_appeal(appeal_id, guard)
        appeal.decide(**decision)
        ledgers = []
        if appeal.correction is not None and appeal.decision and appeal.decision["outcome"] == "revoked":
            case = self.get_case(UUID(appeal.case_id))
            ledgers = self.undo_move_in_quotas(
                case, str(appeal.id), date.fromisoformat(appeal.correction["effective_on"]))
        self.save(appeal, *ledgers, acting=acting)
        return appeal

    def get_appeal(self, appeal_id: UUID, guard: Guard | None = None) -> Appeal:
        """The appeal; a guard is given the case it was lodged against, whose authority it shares."""
        appeal = self.find(appeal_id, Appeal)
        if appeal is None:
            raise AppealNotFoundError(f"no review or appeal {appeal_id}")
        if guard is not None:
            self.get_case(UUID(appeal.case_id), guard)
        return appeal

    def appeals_of(self, case_id: UUID, guard: Guard | None = None) -> list[Appeal]:
        """Every review and appeal lodged against the case, in the order lodged."""
        self.get_case(case_id, guard)
        entry = self.cases.get(str(case_id))
        found = (self.find(UUID(a), Appeal) for a in (entry.appeal_ids if entry else []))
        return [appeal for appeal in found if appeal is not None]
