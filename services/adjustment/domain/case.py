"""An adjustment case: the five steps for one cadre, from determination to executed formalities.

Each step's facts are checked against the rules of the pack version the case opened under
(`CaseRules`); a mis-entered step is corrected and a stuck case closed by new events, never by
changing the ones recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.adjustment.domain import step_facts
from services.adjustment.domain.case_rules import CaseRules
from services.adjustment.domain.corrections import before_and_after, corrected_record
from services.adjustment.domain.decision_record import upcast_decision_v1
from services.adjustment.domain.errors import CaseClosedError, FormalitiesStateError
from services.adjustment.domain.procedure import STEPS, require_next_step
from services.adjustment.domain.proposal_rules import check_proposal
from services.adjustment.domain.talkers import require_allowed_talker
from shared.calendar.periods import period_end

# Where each step records its date, as its record names it.
DATE_FIELDS = {"propose": "proposed_on", "decide": "meeting_date", "talk": "talk_date"}


class AdjustmentCase(Aggregate):
    @staticmethod
    def create_id(concern_id: str) -> UUID:
        # One case per determination: a re-delivered determination finds the same case.
        return uuid5(NAMESPACE_URL, f"cadre:adjustment-case:{concern_id}")

    @event("Opened")
    def __init__(
        self, concern_id: str, cadre: dict[str, Any], authority: dict[str, Any],
        circumstances: list[dict[str, str]], evidence_refs: list[str], determined_by: str,
        determined_on: date,
        signals: list[dict[str, str]] | None = None,
        # The pack version in force when the case opened; the case keeps it (absent on cases
        # opened before versions were recorded: those opened under version 1).
        pack_version: int | None = None,
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
        self.pack_version = pack_version or 1
        self.proposal: dict[str, Any] | None = None
        self.decision: dict[str, Any] | None = None
        self.talk: dict[str, Any] | None = None
        self.formalities: dict[str, Any] | None = None
        self.salary_formalities: dict[str, Any] | None = None
        self.formalities_overdue_on: date | None = None
        self.consultations: list[dict[str, Any]] = []
        self.corrections: list[dict[str, Any]] = []
        self.closed: dict[str, Any] | None = None

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    @property
    def pack_id(self) -> str:
        return str(self.authority["pack_id"])

    def _open(self, step: str, rules: CaseRules) -> None:
        if self.closed is not None:
            raise CaseClosedError(f"the case was closed on {self.closed['closed_on']} "
                                  f"({self.closed['cause']}): no step {step!r} is recorded")
        require_next_step(self.steps_done, step, rules.step_names)

    def step_dates(self) -> list[tuple[str, date]]:
        """Each recorded step and its date, in procedure order."""
        dates = [("verify_determine", self.determined_on)]
        for step, record in (("propose", self.proposal), ("decide", self.decision), ("talk", self.talk)):
            if record is not None:
                dates.append((step, date.fromisoformat(str(record[DATE_FIELDS[step]]))))
        if self.formalities is not None:
            dates.append(("formalities", date.fromisoformat(self.formalities["effective_on"])))
        return dates

    def _check_facts(self, step: str, record: Mapping[str, Any], rules: CaseRules) -> None:
        """Everything a step states, against the rules and the steps around it."""
        dates = self.step_dates()
        on = (record["effective_on"] if step == "formalities"
              else date.fromisoformat(str(record[DATE_FIELDS[step]])))
        index = STEPS.index(step)
        field = "effective_on" if step == "formalities" else DATE_FIELDS[step]
        step_facts.require_not_before(step, on, [d for d in dates if STEPS.index(d[0]) < index], field)
        step_facts.require_not_after(step, on, [d for d in dates if STEPS.index(d[0]) > index], field)
        if step == "decide":
            step_facts.check_meeting(record["meeting"], rules.meeting)
            step_facts.require_consultation(self.authority, self.consultations, on)
        elif step == "talk":
            require_allowed_talker(rules.talk, str(self.cadre.get("role", "unit_staff")),
                                   str(record["talker_position"]))

    def propose(self, proposal: dict[str, Any], rules: CaseRules) -> None:
        self._open("propose", rules)
        self._check_facts("propose", proposal, rules)
        check_proposal(rules.proposal, self.circumstances, proposal["method"], proposal["nature"])
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

    def record_consultation(self, consultation: dict[str, Any]) -> None:
        """IM 18: what the co-managing side said, when and through whom; their own officers may
        record it, or the managing side's from the written reply."""
        if self.closed is not None or "decide" in self.steps_done:
            raise CaseClosedError("the consultation precedes the decision (IM 18)")
        step_facts.check_consultation(self.authority, consultation)
        self._consulted(consultation=consultation, cadre_id=self.cadre_id)

    @event("ConsultationRecorded")
    def _consulted(self, consultation: dict[str, Any], cadre_id: str) -> None:
        self.consultations.append(consultation)

    def decide(self, decision: dict[str, Any], rules: CaseRules) -> None:
        self._open("decide", rules)
        consultation = decision.get("consultation")
        if consultation is not None:
            step_facts.check_consultation(self.authority, consultation)
            self.consultations.append(consultation)  # checked with the others, dropped if refused
        try:
            self._check_facts("decide", decision, rules)
        finally:
            if consultation is not None:
                self.consultations.pop()
        rule = rules.meeting
        # The decision restates cadre and terms so that its record stands on its own, and the
        # rule it was held to (quorum and majority) so an outsider can check it.
        self._decided(decision=decision, cadre=self.cadre, terms=self.adjustment_terms(),
                      pack_id=self.pack_id, pack_version=self.pack_version, meeting_rule={
                          "citation": rule.citation, "quorum": rule.quorum.text(),
                          "majority": rule.majority.text(), "of": "members_expected"})

    class Decided(Aggregate.Event):
        """The committee's decision. v2 records the meeting (members who should attend, present,
        for, against, abstaining), the consultation as a fact and the rule it was held to; v1
        had a vote or a consensus flag and a consulted yes/no."""

        class_version = 2
        decision: dict[str, Any]
        cadre: dict[str, Any]
        terms: dict[str, Any]
        pack_id: str
        pack_version: int
        meeting_rule: dict[str, Any] | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["decision"] = upcast_decision_v1(state["decision"])
            state["meeting_rule"] = None  # decided before the meeting rule was checked
            state["pack_version"] = 1  # the only version there was

    @event(Decided)
    def _decided(self, decision: dict[str, Any], cadre: dict[str, Any], terms: dict[str, Any],
                 pack_id: str, pack_version: int, meeting_rule: dict[str, Any] | None) -> None:
        self.decision = decision
        if decision.get("consultation"):
            self.consultations.append(decision["consultation"])
        self.steps_done.append("decide")

    def hold_talk(self, talk: dict[str, Any], rules: CaseRules) -> None:
        self._open("talk", rules)
        self._check_facts("talk", talk, rules)
        self._talked(talk=talk, cadre_id=self.cadre_id)

    @event("Talked")
    def _talked(self, talk: dict[str, Any], cadre_id: str) -> None:
        self.talk = talk
        self.steps_done.append("talk")

    def complete_formalities(self, formalities: dict[str, Any], effective_on: date, rules: CaseRules,
                             recorded_on: date | None = None) -> None:
        self._open("formalities", rules)
        self._check_facts("formalities", {"effective_on": effective_on}, rules)
        # IM 21: salary and benefits formalities within one month (the pack's period).
        length = rules.salary_formalities.length
        salary_due_on = period_end(effective_on, years=length.years, months=length.months,
                                   days=length.days)
        record = dict(formalities)
        if record.get("elected_post"):
            # IM 21: elected posts are filled and vacated by the procedure of law and charter.
            record["legal_procedure"] = "IM 21: election or removal by the statutory procedure"
        if recorded_on is not None and recorded_on > salary_due_on:
            # Entered after its deadline: the lateness is part of the record itself rather than a
            # later alarm (the overdue scan only watches deadlines still open when recorded).
            record["salary_formalities_late_at_recording"] = True
        record["salary_rule"] = rules.salary_formalities.citation
        self._formalities_completed(
            formalities=record, effective_on=effective_on, salary_formalities_due_on=salary_due_on,
            cadre=self.cadre, terms=self.adjustment_terms(), pack_id=self.pack_id,
            authority=self.authority,
        )

    @event("FormalitiesCompleted")
    def _formalities_completed(
        self, formalities: dict[str, Any], effective_on: date, salary_formalities_due_on: date,
        cadre: dict[str, Any], terms: dict[str, Any], pack_id: str,
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

    def record_of(self, step: str) -> dict[str, Any]:
        record = {"propose": self.proposal, "decide": self.decision, "talk": self.talk,
                  "formalities": self.formalities}.get(step)
        if record is None:
            raise FormalitiesStateError(f"step {step!r} is not recorded on this case")
        return record

    def correct_step(self, step: str, changes: dict[str, Any], reason: str, corrected_by: str,
                     corrected_on: date, rules: CaseRules) -> None:
        """A mis-entered step corrected: checked again as corrected, recorded beside the original."""
        record = self.record_of(step) if step in DATE_FIELDS or step == "formalities" else {}
        corrected = corrected_record(step, record, changes)
        if step != "formalities":
            self._check_facts(step, corrected, rules)
        before, after = before_and_after(record, corrected, changes)
        self._step_corrected(step=step, before=before, after=after, record=corrected, reason=reason,
                             corrected_by=corrected_by, corrected_on=corrected_on, cadre_id=self.cadre_id)

    @event("StepCorrected")
    def _step_corrected(self, step: str, before: dict[str, Any], after: dict[str, Any],
                        record: dict[str, Any], reason: str, corrected_by: str, corrected_on: date,
                        cadre_id: str) -> None:
        setattr(self, {"propose": "proposal", "decide": "decision", "talk": "talk",
                       "formalities": "formalities"}[step], record)
        self.corrections.append({"step": step, "before": before, "after": after, "reason": reason,
                                 "corrected_by": corrected_by, "corrected_on": corrected_on.isoformat()})

    def close(self, cause: str, reason: str, closed_by: str, closed_on: date) -> None:
        """A case that cannot go on (its determination withdrawn, or stuck) is closed, with who
        and why; an executed adjustment is undone only on appeal (IM 22)."""
        if self.closed is not None:
            raise CaseClosedError(f"the case is already closed ({self.closed['cause']})")
        if self.formalities is not None:
            raise CaseClosedError("the adjustment was executed: it is corrected on review or appeal "
                                  "(IM 22), not by closing the case")
        self._closed(cause=cause, reason=reason, closed_by=closed_by, closed_on=closed_on,
                     steps_done=list(self.steps_done), cadre_id=self.cadre_id)

    @event("Closed")
    def _closed(self, cause: str, reason: str, closed_by: str, closed_on: date, steps_done: list[str],
                cadre_id: str) -> None:
        self.closed = {"cause": cause, "reason": reason, "closed_by": closed_by,
                       "closed_on": closed_on.isoformat(), "steps_done": steps_done}

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
