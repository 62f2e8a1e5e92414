"""An innovation risk filing (改革创新风险备案, LG-FT 6(2)) and its review chain.

The unit's party organisation discusses it and the supervising leader agrees before it is filed
(6(2)1); the discipline work committee leads a collective review with the functional departments
(6(2)2); the committee head approves (6(2)3). Once registered, petitions about the reform are
usually deferred for investigation (6(2)4), and the unit reports the results (6(2)5).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from services.identification.domain.errors import ReformFilingStepRefusedError

# The chain of filings made before the chain was taken from the pack: LG-FT 6(2)2 and 6(2)3,
# the only pack with innovation risk filings then.
LEGACY_CHAIN = ("collective_review", "approval")


class ReformFiling(Aggregate):
    @staticmethod
    def new_id() -> UUID:
        return uuid4()

    @event("Filed")
    def __init__(self, unit_id: str, title: str, plan: str, unit_discussion: str,
                 leader_agreed_by: str, filed_by: str, filed_on: date,
                 review_chain: list[dict[str, str]] | None = None, pack_id: str | None = None) -> None:
        # The pack's review chain (key, name, citation), kept with the filing as filed.
        self.review_chain = review_chain or [{"key": k, "citation": "LG-FT 6(2)"} for k in LEGACY_CHAIN]
        self.pack_id = pack_id
        self.unit_id = unit_id
        self.title = title
        self.plan = plan
        self.unit_discussion = unit_discussion
        self.leader_agreed_by = leader_agreed_by
        self.filed_by = filed_by
        self.filed_on = filed_on
        self.reviews: list[dict[str, Any]] = []
        self.status = "under_review"
        self.deferred_signals: list[str] = []
        self.results: dict[str, Any] | None = None

    @property
    def next_stage(self) -> str | None:
        if self.status != "under_review":
            return None
        return self.review_chain[len(self.reviews)]["key"]

    @property
    def registered(self) -> bool:
        return self.status in ("registered", "reported")

    def review(self, stage: str, reviewer: str, approved: bool, on: date, opinion: str) -> None:
        """The next stage of the chain, in order; a stage that does not approve returns it."""
        if stage != self.next_stage:
            cited = self.review_chain[len(self.reviews)]["citation"] if self.next_stage else "LG-FT 6(2)"
            raise ReformFilingStepRefusedError(
                f"stage: expected {self.next_stage or 'no further review'}, got {stage!r} ({cited})")
        self._reviewed(stage=stage, reviewer=reviewer, approved=approved, on=on, opinion=opinion)

    @event("Reviewed")
    def _reviewed(self, stage: str, reviewer: str, approved: bool, on: date, opinion: str) -> None:
        self.reviews.append({"stage": stage, "reviewer": reviewer, "approved": approved,
                             "on": on.isoformat(), "opinion": opinion})
        if not approved:
            self.status = "returned"
        elif len(self.reviews) == len(self.review_chain):
            self.status = "registered"

    def defer_petition(self, signal_id: str) -> None:
        if not self.registered:
            raise ReformFilingStepRefusedError("reform_ref: the filing is not registered")
        self._petition_deferred(signal_id=signal_id)

    @event("PetitionDeferred")
    def _petition_deferred(self, signal_id: str) -> None:
        self.deferred_signals.append(signal_id)

    def report_results(self, by: str, on: date, summary: str, problem_solved: bool,
                       harm_occurred: bool) -> None:
        """Performance evaluation: did it solve the problem, did harm occur (LG-FT 6(2)5)."""
        if self.status != "registered":
            raise ReformFilingStepRefusedError("results: only a registered filing reports results")
        self._results_reported(by=by, on=on, summary=summary, problem_solved=problem_solved,
                               harm_occurred=harm_occurred)

    @event("ResultsReported")
    def _results_reported(self, by: str, on: date, summary: str, problem_solved: bool,
                          harm_occurred: bool) -> None:
        self.status = "reported"
        self.results = {"by": by, "on": on.isoformat(), "summary": summary,
                        "problem_solved": problem_solved, "harm_occurred": harm_occurred}
