"""The adjustment service layer: cases opened by determinations, then the five steps over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.errors import CaseNotFoundError
from shared.eventstore.application import ServiceApplication


class AdjustmentCases(ServiceApplication):
    name = "adjustment"

    def open_case(
        self,
        *,
        concern_id: str,
        cadre: dict[str, Any],
        authority: dict[str, Any],
        circumstances: list[dict[str, str]],
        evidence_refs: list[str],
        determined_by: str,
        determined_on: date,
        tracking: Tracking | None = None,
    ) -> UUID:
        """Open the case that a determination of unsuitability starts (once per determination)."""
        case_id = AdjustmentCase.create_id(concern_id)
        if self._exists(case_id):
            self.save(tracking=tracking)
            return case_id
        case = AdjustmentCase(
            concern_id=concern_id,
            cadre=cadre,
            authority=authority,
            circumstances=circumstances,
            evidence_refs=evidence_refs,
            determined_by=determined_by,
            determined_on=determined_on,
        )
        self.save(case, tracking=tracking)
        return case.id

    def propose(self, case_id: UUID, proposal: dict[str, Any]) -> AdjustmentCase:
        """Step 2: record the proposal from the collective study (IM 17)."""
        case = self.get_case(case_id)
        case.propose(proposal)
        self.save(case)
        return case

    def decide(self, case_id: UUID, decision: dict[str, Any]) -> AdjustmentCase:
        """Step 3: record the committee's decision at its meeting (IM 18)."""
        case = self.get_case(case_id)
        case.decide(decision)
        self.save(case)
        return case

    def hold_talk(self, case_id: UUID, talk: dict[str, Any]) -> AdjustmentCase:
        """Step 4: record the decision talk (IM 19-20)."""
        case = self.get_case(case_id)
        case.hold_talk(talk)
        self.save(case)
        return case

    def complete_formalities(
        self, case_id: UUID, formalities: dict[str, Any], effective_on: date
    ) -> AdjustmentCase:
        """Step 5: appointment and removal executed (IM 21)."""
        case = self.get_case(case_id)
        case.complete_formalities(formalities, effective_on)
        self.save(case)
        return case

    def get_case(self, case_id: UUID) -> AdjustmentCase:
        try:
            case: AdjustmentCase = self.repository.get(case_id)
        except AggregateNotFoundError:
            raise CaseNotFoundError(f"no adjustment case {case_id}") from None
        return case

    def _exists(self, aggregate_id: UUID) -> bool:
        try:
            self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return False
        return True
