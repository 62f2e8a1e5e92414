"""A concern: the case file about one cadre's possible unsuitability, from first signal to outcome.

open → early-sign measures (IM 14) → optional observation period (seed 002, part 3) →
verification (IM 16) → determination (IM 16-17). Measures and verification are optional: an
officer may determine directly on evidence, and the determination's evidence is the verification.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from services.identification.domain.errors import (
    ConcernAlreadyClosedError,
    ConcernStepRefusedError,
    DeterminationRefusedError,
    MeasureRefusedError,
    WithdrawalRefusedError,
)

OUTCOMES = ("unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline")


class Concern(Aggregate):
    @staticmethod
    def new_id() -> UUID:
        return uuid4()

    @event("Opened")
    def __init__(
        self,
        cadre: dict[str, Any],
        managing_unit: str,
        first_signal_id: str,
        citation: dict[str, str],
        co_managing_unit: str | None = None,
        first_signal: dict[str, str] | None = None,
    ) -> None:
        self.cadre = cadre
        self.managing_unit = managing_unit
        self.co_managing_unit = co_managing_unit
        self.first_signal_id = first_signal_id
        self.citations: list[dict[str, str]] = [citation]
        self.signal_ids: list[str] = [first_signal_id]
        # Each signal as its reporter names it (source system and their own id): what the record
        # and the case cite. Concerns opened before it was kept have only the internal ids.
        self.signals: list[dict[str, str]] = [first_signal] if first_signal else []
        self.outcome: str | None = None
        self.determination: dict[str, Any] | None = None
        self.measures: list[dict[str, Any]] = []
        self.observation: dict[str, Any] | None = None
        self.verifications: list[dict[str, Any]] = []
        self.rule_hits: list[dict[str, Any]] = []
        self.matter_refs: list[str] = []
        self.assigned_to: str | None = None
        self.clarification: dict[str, Any] | None = None
        self.withdrawn_determinations: list[dict[str, Any]] = []

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    @property
    def status(self) -> str:
        if self.outcome is not None:
            return self.outcome
        if self.observation is None:
            return "open"
        if self.observation["expired"] is None:
            return "under_observation"
        return "open" if self.observation["expired"]["improved"] else "awaiting_determination"

    def _require_open(self) -> None:
        if not self.is_open:
            raise ConcernAlreadyClosedError(f"concern {self.id} is closed ({self.outcome})")

    def join(self, signal_id: str, citation: dict[str, str], signal: dict[str, str] | None = None) -> None:
        self._require_open()
        # The cadre rides along so the outbox can name them on the published event.
        self._signal_joined(signal_id, citation, signal, self.cadre_id)

    @event("SignalJoined")
    def _signal_joined(self, signal_id: str, citation: dict[str, str],
                       signal: dict[str, str] | None = None, cadre_id: str | None = None) -> None:
        self.signal_ids.append(signal_id)
        if signal:
            self.signals.append(signal)
        if citation not in self.citations:
            self.citations.append(citation)

    def cite_rule_hit(self, hit: dict[str, Any], signal_id: str) -> None:
        """Record the figures that made a pack item fire (a hit never adjusts anyone: IM 14, 16)."""
        self._require_open()
        self._rule_hit_cited(hit=hit, signal_id=signal_id, cadre_id=self.cadre_id)

    @event("RuleHitCited")
    def _rule_hit_cited(self, hit: dict[str, Any], signal_id: str, cadre_id: str) -> None:
        self.rule_hits.append({**hit, "signal_id": signal_id})

    def note_matter(self, matter_ref: str) -> None:
        """The accountability matter a signal is about (a tolerance grant may cover it)."""
        self._require_open()
        if matter_ref not in self.matter_refs:
            self._matter_noted(matter_ref=matter_ref)

    @event("MatterNoted")
    def _matter_noted(self, matter_ref: str) -> None:
        self.matter_refs.append(matter_ref)

    def assign(self, officer: str, assigned_on: date) -> None:
        self._require_open()
        self._assigned(officer=officer, assigned_on=assigned_on)

    @event("Assigned")
    def _assigned(self, officer: str, assigned_on: date) -> None:
        self.assigned_to = officer

    def take_measure(
        self, measure: str, taken_by: str, taken_on: date, content: str, allowed: tuple[str, ...],
        citation: str = "IM 14",
    ) -> None:
        """One graded early-sign measure; `allowed` is the pack's list (IM 14, WY 11(1))."""
        self._require_open()
        if measure not in allowed:
            raise MeasureRefusedError(
                citation, f"{measure} 不是本辖区的苗头性问题处置方式（{'、'.join(allowed)}）",
                f"measure {measure!r} is not one of the jurisdiction's: {', '.join(allowed)}", "measure")
        self._measure_taken(measure=measure, taken_by=taken_by, taken_on=taken_on, content=content,
                            cadre_id=self.cadre_id)

    @event("MeasureTaken")
    def _measure_taken(
        self, measure: str, taken_by: str, taken_on: date, content: str, cadre_id: str
    ) -> None:
        self.measures.append(
            {"measure": measure, "taken_by": taken_by, "taken_on": taken_on.isoformat(),
             "content": content}
        )

    def set_observation(self, deadline: date, set_by: str, set_on: date) -> None:
        """A period to improve; the deadline is its last day (seed 002, part 3)."""
        self._require_open()
        if self.status == "under_observation":
            raise ConcernStepRefusedError("an observation period is already running")
        if deadline <= set_on:
            raise ConcernStepRefusedError("deadline: must be after set_on")
        self._observation_set(deadline=deadline, set_by=set_by, set_on=set_on)

    @event("ObservationSet")
    def _observation_set(self, deadline: date, set_by: str, set_on: date) -> None:
        self.observation = {
            "deadline": deadline.isoformat(), "set_by": set_by, "set_on": set_on.isoformat(),
            "improvement": None, "expired": None,
        }

    def note_improvement(self, noted_by: str, noted_on: date, summary: str) -> None:
        if self.status != "under_observation":
            raise ConcernStepRefusedError("no observation period is running")
        self._improvement_noted(noted_by=noted_by, noted_on=noted_on, summary=summary)

    @event("ImprovementNoted")
    def _improvement_noted(self, noted_by: str, noted_on: date, summary: str) -> None:
        assert self.observation is not None
        self.observation["improvement"] = {
            "noted_by": noted_by, "noted_on": noted_on.isoformat(), "summary": summary
        }

    def expire_observation(self, today: date) -> bool:
        """End a running observation whose last day is before `today`; True if it ended now."""
        if self.status != "under_observation" or self.observation is None:
            return False
        deadline = date.fromisoformat(self.observation["deadline"])
        if today <= deadline:
            return False
        improved = self.observation["improvement"] is not None
        self._observation_expired(deadline=deadline, improved=improved, detected_on=today,
                                  cadre_id=self.cadre_id)
        return True

    @event("ObservationExpired")
    def _observation_expired(
        self, deadline: date, improved: bool, detected_on: date, cadre_id: str
    ) -> None:
        assert self.observation is not None
        self.observation["expired"] = {"improved": improved, "detected_on": detected_on.isoformat()}

    def record_verification(
        self, evidence_refs: list[str], interviews: list[dict[str, str]], verified_by: str,
        verified_on: date, summary: str,
    ) -> None:
        """Targeted, evidence-based verification (IM 16)."""
        self._require_open()
        if not evidence_refs and not interviews:
            raise ConcernStepRefusedError("evidence_refs: verification records evidence or interviews")
        self._verified(evidence_refs=evidence_refs, interviews=interviews,
                       verified_by=verified_by, verified_on=verified_on, summary=summary)

    @event("Verified")
    def _verified(self, evidence_refs: list[str], interviews: list[dict[str, str]],
                  verified_by: str, verified_on: date, summary: str) -> None:
        self.verifications.append(
            {"evidence_refs": evidence_refs, "interviews": interviews, "verified_by": verified_by,
             "verified_on": verified_on.isoformat(), "summary": summary}
        )

    def determine(
        self, *, outcome: str, circumstances: list[dict[str, str]], evidence_refs: list[str],
        determined_by: str, determined_on: date, pack_id: str,
        clarification: str | None = None, flag_reporter: bool = False,
    ) -> None:
        self._require_open()
        if outcome not in OUTCOMES:
            raise DeterminationRefusedError(f"outcome must be one of {', '.join(OUTCOMES)}")
        if self.status == "under_observation":
            assert self.observation is not None
            raise DeterminationRefusedError(
                f"the observation period runs until {self.observation['deadline']}"
            )
        if outcome == "unsuitable" and not circumstances:
            raise DeterminationRefusedError("an unsuitability determination cites circumstances")
        if outcome == "unsuitable" and not evidence_refs:
            raise DeterminationRefusedError("an unsuitability determination cites evidence (IM 16)")
        if outcome == "false_accusation" and not clarification:
            raise DeterminationRefusedError(
                "clarification: a false accusation is clarified (LG-FT 9, WY-FT 11)"
            )
        # The event repeats who the cadre is and under which authority, so that the record of the
        # determination stands on its own (and the outbox can publish it without a lookup).
        self._determined(
            outcome=outcome, circumstances=circumstances, evidence_refs=evidence_refs,
            determined_by=determined_by, determined_on=determined_on, pack_id=pack_id,
            cadre=self.cadre, managing_unit=self.managing_unit,
            co_managing_unit=self.co_managing_unit, signals=list(self.signals),
            matter_refs=list(self.matter_refs),
        )
        if outcome == "false_accusation":
            assert clarification is not None
            # The signals travel with it: their producers are told (the relay sees one event).
            self._clarified(summary=clarification, reporter_flagged=flag_reporter,
                            cadre_id=self.cadre_id, signals=list(self.signals))

    @event("Determined")
    def _determined(
        self, outcome: str, circumstances: list[dict[str, str]], evidence_refs: list[str],
        determined_by: str, determined_on: date, pack_id: str, cadre: dict[str, Any],
        managing_unit: str, co_managing_unit: str | None,
        signals: list[dict[str, str]] | None = None,
        matter_refs: list[str] | None = None,
    ) -> None:
        self.outcome = outcome
        self.determination = {
            "circumstances": circumstances,
            "evidence_refs": evidence_refs,
            "determined_by": determined_by,
            "determined_on": determined_on.isoformat(),
            "pack_id": pack_id,
        }

    @event("Clarified")
    def _clarified(self, summary: str, reporter_flagged: bool, cadre_id: str,
                   signals: list[dict[str, str]] | None = None) -> None:
        self.clarification = {"summary": summary, "reporter_flagged": reporter_flagged}

    def withdraw_determination(self, reason: str, withdrawn_by: str, withdrawn_on: date) -> None:
        """A mis-made determination of unsuitability is withdrawn, with who and why: its case
        closes and the concern is open again for a proper determination. The determination stays
        on the record beside its withdrawal."""
        if self.outcome != "unsuitable" or self.determination is None:
            raise WithdrawalRefusedError(
                "IM 16", "只有不适宜担任现职的认定可以撤销", "only a determination of unsuitability is "
                f"withdrawn here (this concern is {self.outcome or 'open'})", "outcome")
        determined_on = date.fromisoformat(self.determination["determined_on"])
        if withdrawn_on < determined_on:
            raise WithdrawalRefusedError(
                "IM 16", f"撤销日期 {withdrawn_on} 早于认定日期 {determined_on}",
                f"withdrawn_on {withdrawn_on} is before the determination ({determined_on})", "withdrawn_on")
        self._determination_withdrawn(
            reason=reason, withdrawn_by=withdrawn_by, withdrawn_on=withdrawn_on,
            determination=self.determination, cadre=self.cadre, managing_unit=self.managing_unit,
            co_managing_unit=self.co_managing_unit, assigned_to=self.assigned_to)

    @event("DeterminationWithdrawn")
    def _determination_withdrawn(
        self, reason: str, withdrawn_by: str, withdrawn_on: date, determination: dict[str, Any],
        cadre: dict[str, Any], managing_unit: str, co_managing_unit: str | None, assigned_to: str | None,
    ) -> None:
        self.withdrawn_determinations.append({**determination, "withdrawn_by": withdrawn_by,
                                              "withdrawn_on": withdrawn_on.isoformat(), "reason": reason})
        self.outcome = None
        self.determination = None
