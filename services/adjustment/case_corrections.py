"""Mistakes corrected, never erased: a mis-entered step corrected, a stuck case closed, a case
whose determination was withdrawn closed; each a new event with who, when and why."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from services.adjustment.case_store import CaseStore, Guard
from services.adjustment.domain.case import AdjustmentCase
from shared.access.acting import Acting


class CaseCorrections(CaseStore):
    def correct_step(
        self, case_id: UUID, *, step: str, changes: dict[str, Any], reason: str, corrected_by: str,
        guard: Guard | None = None, acting: Acting | None = None,
    ) -> AdjustmentCase:
        """Correct what a step recorded; the corrected step is checked against the same rules."""
        case = self.get_case(case_id, guard)
        case.correct_step(step, changes, reason, corrected_by, self.clock.today(),
                          self.rules_of(case.pack_id, case.pack_version))
        self.save(case, acting=acting)
        return case

    def close_case(
        self, case_id: UUID, *, reason: str, closed_by: str, closed_on: date, guard: Guard | None = None,
        acting: Acting | None = None,
    ) -> AdjustmentCase:
        """A case that cannot go on is closed by the committee, with the reason on the record."""
        case = self.get_case(case_id, guard)
        case.close("closed_by_committee", reason, closed_by, closed_on)
        self.save(case, acting=acting)
        return case

    def close_on_withdrawal(
        self, *, concern_id: str, reason: str, withdrawn_by: str, withdrawn_on: date,
        tracking: Tracking | None = None,
    ) -> None:
        """The determination that opened the case was withdrawn: the case closes with it."""
        case = self.find(AdjustmentCase.create_id(concern_id), AdjustmentCase)
        if case is None or case.closed is not None:
            self.save(tracking=tracking)  # nothing opened, or already closed: only the inbox
            return
        case.close("determination_withdrawn", reason, withdrawn_by, withdrawn_on)
        self.save(case, tracking=tracking)
