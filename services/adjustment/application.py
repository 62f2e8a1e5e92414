"""The adjustment service layer: cases opened by determinations, then the five steps over HTTP.

Post quotas, appeals, corrections and the deadline scan live in their own modules
(`quota_ledger.py`, `appeals.py`, `case_corrections.py`, `deadline_scan.py`) as parts of this one
Application.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking

from services.adjustment.adapters.comparable_cases import DEFAULT_GRAVITY
from services.adjustment.adapters.pack_rules import version_in_force
from services.adjustment.appeals import AppealCommands
from services.adjustment.case_corrections import CaseCorrections
from services.adjustment.case_store import Guard
from services.adjustment.deadline_scan import DeadlineScan
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.cited_items import require_items_of_pack
from services.adjustment.domain.errors import AdjustmentError
from services.adjustment.domain.procedure import DEFAULT_STEP_NAMES
from services.adjustment.quota_ledger import QuotaLedger
from shared.access.acting import Acting
from shared.calendar.periods import period_end


class AdjustmentCases(CaseCorrections, AppealCommands, QuotaLedger, DeadlineScan):
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
        signals: list[dict[str, str]] | None = None,
        tracking: Tracking | None = None,
    ) -> UUID:
        """Open the case that a determination of unsuitability starts (once per determination),
        under the pack version in force on the day of the determination; a determination citing
        no item of that pack is refused rather than opening a case nobody could advance."""
        case_id = AdjustmentCase.create_id(concern_id)
        if self.find(case_id, AdjustmentCase) is not None:
            self.save(tracking=tracking)
            return case_id
        pack = version_in_force(self.packs, authority["pack_id"], determined_on)
        require_items_of_pack(pack.pack_id, {c.article for c in pack.circumstances}, circumstances)
        case = AdjustmentCase(
            concern_id=concern_id,
            cadre=cadre,
            authority=authority,
            circumstances=circumstances,
            evidence_refs=evidence_refs,
            determined_by=determined_by,
            determined_on=determined_on,
            signals=signals or [],
            pack_version=pack.version,
        )
        self.save(case, tracking=tracking)
        return case.id

    def step_names(self, pack_id: str, version: int | None = None) -> dict[str, str]:
        """The jurisdiction's names for the five steps (a pack may rename them; the order holds)."""
        try:
            return {**DEFAULT_STEP_NAMES, **self.rules_of(pack_id, version).step_names}
        except AdjustmentError:  # a case under an unknown pack still shows the default names
            return dict(DEFAULT_STEP_NAMES)

    def propose(self, case_id: UUID, proposal: dict[str, Any], guard: Guard | None = None,
                acting: Acting | None = None) -> AdjustmentCase:
        """Step 2: record the proposal from the collective study (IM 17, IM 24, SPEC §5.2)."""
        case = self.get_case(case_id, guard)
        case.propose(proposal, self.rules_of(case.pack_id, case.pack_version))
        self.save(case, acting=acting)
        return case

    def decide(self, case_id: UUID, decision: dict[str, Any], guard: Guard | None = None,
               acting: Acting | None = None) -> AdjustmentCase:
        """Step 3: record the committee's decision at its meeting (IM 18, CSR 30)."""
        case = self.get_case(case_id, guard)
        case.decide(decision, self.rules_of(case.pack_id, case.pack_version))
        self.save(case, acting=acting)
        return case

    def record_consultation(
        self, case_id: UUID, consultation: dict[str, Any], guard: Guard | None = None,
        acting: Acting | None = None,
    ) -> AdjustmentCase:
        """IM 18: the co-managing side's opinion, recorded before the decision."""
        case = self.get_case(case_id, guard)
        case.record_consultation(consultation)
        self.save(case, acting=acting)
        return case

    def hold_talk(self, case_id: UUID, talk: dict[str, Any], guard: Guard | None = None,
                  acting: Acting | None = None) -> AdjustmentCase:
        """Step 4: record the decision talk (IM 19-20)."""
        case = self.get_case(case_id, guard)
        case.hold_talk(talk, self.rules_of(case.pack_id, case.pack_version))
        self.save(case, acting=acting)
        return case

    def complete_formalities(
        self, case_id: UUID, formalities: dict[str, Any], effective_on: date, guard: Guard | None = None,
        acting: Acting | None = None,
    ) -> AdjustmentCase:
        """Step 5: appointment and removal executed (IM 21), placed in the post quota (IM 25)."""
        case = self.get_case(case_id, guard)
        rules = self.rules_of(case.pack_id, case.pack_version)
        approval = formalities.pop("over_quota_approval", None) or {}
        case.complete_formalities(formalities, effective_on, rules, self.clock.today())
        absorb = rules.quota_absorption.length
        usual = period_end(effective_on, years=absorb.years, months=absorb.months, days=absorb.days)
        ledgers = self.move_in_quotas(case, effective_on, approval, usual)
        # One transaction: the step and the quota ledgers stand or fall together.
        self.save(case, *ledgers, acting=acting)
        return case

    def record_salary_formalities(
        self, case_id: UUID, completed_on: date, recorded_by: str, guard: Guard | None = None,
        acting: Acting | None = None,
    ) -> AdjustmentCase:
        """IM 21: the salary and benefits changes were made; closes the one-month deadline."""
        case = self.get_case(case_id, guard)
        case.record_salary_formalities(completed_on, recorded_by)
        self.save(case, acting=acting)
        return case

    def comparable_cases(
        self, case_id: UUID, gravity: str | None, guard: Guard | None = None
    ) -> list[dict[str, Any]]:
        """For each of the case's circumstances, earlier decided cases and their methods (IM 24)."""
        case = self.get_case(case_id, guard)
        grade = gravity or (case.proposal or {}).get("gravity") or DEFAULT_GRAVITY
        return [
            self.comparable.comparable(c.get("pack_id", case.pack_id), c["article"], grade, str(case.id))
            for c in case.circumstances
        ]
