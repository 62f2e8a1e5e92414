"""An adjustment case: the five steps for one cadre, from determination to executed formalities."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.adjustment.domain.errors import (
    ConsultationMissingError,
    FormalitiesStateError,
    MeetingRecordIncompleteError,
)
from services.adjustment.domain.procedure import require_next_step
from services.adjustment.domain.proposal_rules import ProposalRules, check_proposal
from services.adjustment.domain.talkers import require_allowed_talker
from shared.calendar.periods import period_end


class AdjustmentCase(Aggregate):
    @staticmethod
    def create_id(concern_id: str) -> UUID:
        # One case per determination: a re-delivered determination finds the same case.
        return uuid5(NAMESPACE_URL, f"cadre:adjustment-case:{concern_id}")

    @event("Opened")
    def __init__(
        self,
        concern_id: str,
        cadre: dict[str, Any],
        authority: dict[str, Any],
        circumstances: list[dict[str, str]],
        evidence_refs: list[str],
        determined_by: str,
        determined_on: date,
        signals: list[dict[str, str]] | None = None,
    ) -> None:
        self.concern_id = concern_id
        # The signals the concern came from, as their reporters name them (the case's basis).
        self.signals = signals or []
        self.cadre = cadre
        self.authority = authority
        self.circumstances = circumstances
        self.evidence_refs = evidence_refs
        # Step 1 (verify and determine) was done by the identification service's determination.
        self.steps_done: list[str] = ["verify_determine"]
        self.determined_by = determined_by
        self.determined_on = determined_on
        self.proposal: dict[str, Any] | None = None
        self.decision: dict[str, Any] | None = None
        self.talk: dict[str, Any] | None = None
        self.formalities: dict[str, Any] | None = None
        self.salary_formalities: dict[str, Any] | None = None
        self.formalities_overdue_on: date | None = None

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    @property
    def pack_id(self) -> str:
        return str(self.authority["pack_id"])

    def propose(self, proposal: dict[str, Any], rules: ProposalRules) -> None:
        require_next_step(self.steps_done, "propose", rules.step_names)
        check_proposal(rules, self.circumstances, proposal["method"], proposal["nature"])
        self._proposed(proposal=proposal, cadre_id=self.cadre_id)

    @event("Proposed")
    def _proposed(self, proposal: dict[str, Any], cadre_id: str) -> None:
        self.proposal = proposal
        self.steps_done.append("propose")

    def adjustment_terms(self) -> dict[str, Any]:
        """What the decision changes for the cadre, restated on the decision and execution."""
        assert self.proposal is not None
        return {
            "method": self.proposal["method"],
            "former_post": self.cadre["post"],
            "former_rank": self.cadre["rank"],
            "new_post": self.proposal["destination_post"],
            "new_rank": self.proposal["new_rank"],
            # Where the cadre is moved, as the register records it (not on cases proposed before).
            "new_level": self.proposal.get("new_level"),
            "new_unit_id": self.proposal.get("destination_unit_id") or self.cadre.get("unit_id") or None,
        }

    def decide(self, decision: dict[str, Any], names: Mapping[str, str] | None = None) -> None:
        require_next_step(self.steps_done, "decide", names)
        if decision.get("votes_for") is None and not decision.get("consensus"):
            raise MeetingRecordIncompleteError(
                "IM 18: the committee decides collectively at a meeting; record the vote or the consensus"
            )
        co_managing = self.authority.get("co_managing_unit")
        if co_managing and not decision.get("co_managing_consulted"):
            raise ConsultationMissingError(
                f"the co-managing side {co_managing} must be consulted before the decision (IM 18)"
            )
        # The decision restates cadre and terms so that its record stands on its own.
        self._decided(decision=decision, cadre=self.cadre, terms=self.adjustment_terms(),
                      pack_id=self.pack_id)

    @event("Decided")
    def _decided(
        self, decision: dict[str, Any], cadre: dict[str, Any], terms: dict[str, Any], pack_id: str
    ) -> None:
        self.decision = decision
        self.steps_done.append("decide")

    def hold_talk(self, talk: dict[str, Any], names: Mapping[str, str] | None = None) -> None:
        require_next_step(self.steps_done, "talk", names)
        require_allowed_talker(str(self.cadre.get("role", "unit_staff")), talk["talker_position"])
        self._talked(talk=talk, cadre_id=self.cadre_id)

    @event("Talked")
    def _talked(self, talk: dict[str, Any], cadre_id: str) -> None:
        self.talk = talk
        self.steps_done.append("talk")

    def complete_formalities(
        self,
        formalities: dict[str, Any],
        effective_on: date,
        recorded_on: date | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        require_next_step(self.steps_done, "formalities", names)
        # IM 21: salary and benefits formalities within one month of the appointment/removal.
        salary_due_on = period_end(effective_on, months=1)
        record = dict(formalities)
        if record.get("elected_post"):
            # IM 21: elected posts are filled and vacated by the procedure of law and charter.
            record["legal_procedure"] = "IM 21: election or removal by the statutory procedure"
        if recorded_on is not None and recorded_on > salary_due_on:
            # Entered after its deadline: the lateness is part of the record itself rather than a
            # later alarm (the overdue scan only watches deadlines still open when recorded).
            record["salary_formalities_late_at_recording"] = True
        self._formalities_completed(
            formalities=record,
            effective_on=effective_on,
            salary_formalities_due_on=salary_due_on,
            cadre=self.cadre,
            terms=self.adjustment_terms(),
            pack_id=self.pack_id,
            authority=self.authority,
        )

    @event("FormalitiesCompleted")
    def _formalities_completed(
        self,
        formalities: dict[str, Any],
        effective_on: date,
        salary_formalities_due_on: date,
        cadre: dict[str, Any],
        terms: dict[str, Any],
        pack_id: str,
        # Restated so that follow-up acts within the same authority (SPEC §8); absent on events
        # stored before it was carried.
        authority: dict[str, Any] | None = None,
    ) -> None:
        self.formalities = {
            **formalities,
            "effective_on": effective_on.isoformat(),
            "salary_formalities_due_on": salary_formalities_due_on.isoformat(),
        }
        self.steps_done.append("formalities")

    @property
    def salary_formalities_due_on(self) -> date | None:
        if self.formalities is None:
            return None
        return date.fromisoformat(self.formalities["salary_formalities_due_on"])

    def record_salary_formalities(self, completed_on: date, recorded_by: str) -> None:
        """IM 21: the salary and benefits changes were made (on time or not, as dated)."""
        due_on = self.salary_formalities_due_on
        if due_on is None:
            raise FormalitiesStateError("salary formalities follow the appointment and removal (IM 21)")
        if self.salary_formalities is not None:
            raise FormalitiesStateError("salary formalities are already recorded")
        self._salary_formalities_completed(
            completed_on=completed_on, recorded_by=recorded_by, late=completed_on > due_on,
            cadre_id=self.cadre_id,
        )

    @event("SalaryFormalitiesCompleted")
    def _salary_formalities_completed(
        self, completed_on: date, recorded_by: str, late: bool, cadre_id: str
    ) -> None:
        self.salary_formalities = {
            "completed_on": completed_on.isoformat(), "recorded_by": recorded_by, "late": late,
        }

    def flag_formalities_overdue(self, detected_on: date) -> None:
        """The one-month deadline passed with no salary formalities recorded; flagged once."""
        due_on = self.salary_formalities_due_on
        if due_on is None or self.salary_formalities is not None:
            raise FormalitiesStateError("no open salary-formalities deadline to flag")
        if self.formalities_overdue_on is not None:
            raise FormalitiesStateError("the missed deadline is already flagged")
        if detected_on <= due_on:
            # Civil Code art. 203(2): the last day is inside the period up to 24:00.
            raise FormalitiesStateError(f"the deadline {due_on} has not passed on {detected_on}")
        self._formalities_overdue(due_on=due_on, detected_on=detected_on, cadre_id=self.cadre_id)

    @event("FormalitiesOverdueDetected")
    def _formalities_overdue(self, due_on: date, detected_on: date, cadre_id: str) -> None:
        self.formalities_overdue_on = detected_on
