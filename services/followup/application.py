"""The follow-up service layer: plans opened by executed adjustments, scans of their clocks,
corrections after appeals, and what the case officers record over HTTP."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError, Tracking

from services.followup.domain.errors import PlanNotFoundError
from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.promotion import check_promotion
from services.followup.domain.standing import CadreStanding
from services.followup.domain.terms import PlanTerms
from services.followup.due_plans import DuePlans
from services.followup.plan_list import PlanList
from services.followup.promotion_view import PromotionView
from shared.access.acting import Acting
from shared.eventstore.application import ServiceApplication
from shared.tracing import continued_span

log = logging.getLogger(__name__)
PlanTermsFor = Callable[[str, str], PlanTerms]


class FollowUpPlans(ServiceApplication):
    name = "followup"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.plan_terms: PlanTermsFor | None = None
        self.due_plans = DuePlans(self)
        self.promotion_view = PromotionView(self)
        self.plan_list = PlanList(self)

    def terms(self, pack_id: str, method: str) -> PlanTerms:
        assert self.plan_terms is not None, "bootstrap sets the packs' plan terms"
        return self.plan_terms(pack_id, method)

    def open_plan(self, *, case_id: str, cadre_id: str, pack_id: str, method: str,
                  effective_on: date, former_post: str, former_rank: str, unit_id: str = "",
                  managing_unit: str | None = None, co_managing_unit: str | None = None,
                  tracking: Tracking | None = None) -> UUID:
        """Open the follow-up plan of an executed adjustment, with its impact period and schedule,
        under the authority the adjustment named."""
        plan_id = FollowUpPlan.create_id(case_id)
        if self._get(plan_id) is not None:
            self.save(tracking=tracking)
            return plan_id
        plan = FollowUpPlan.open(
            case_id=case_id, cadre_id=cadre_id, pack_id=pack_id, method=method,
            effective_on=effective_on, former_post=former_post, former_rank=former_rank,
            terms=self.terms(pack_id, method), unit_id=unit_id,
            managing_unit=managing_unit, co_managing_unit=co_managing_unit,
        )
        standing = self._standing(cadre_id)
        standing.plan_added(str(plan.id))
        self.save(plan, standing, tracking=tracking)
        return plan.id

    def correct_plan(self, *, case_id: str, outcome: str, reason: str, appeal_id: str,
                     new_method: str | None, corrected_on: date, tracking: Tracking) -> None:
        """Re-compute or end the plan after an appeal modified or revoked the adjustment (IM 22)."""
        plan = self._get(FollowUpPlan.create_id(case_id))
        if plan is None or plan.ended_on is not None:
            self.save(tracking=tracking)  # nothing (left) to correct
            return
        terms = self.terms(plan.pack_id, new_method) if new_method else None
        plan.correct(outcome=outcome, reason=reason, appeal_id=appeal_id,
                     corrected_on=corrected_on, new_method=new_method, terms=terms)
        self.save(plan, tracking=tracking)

    def note_concern(self, cadre_id: str, concern_id: str, *, opened: bool,
                     tracking: Tracking | None = None) -> None:
        """Keep track of concerns open about the cadre (they block eligibility and promotion)."""
        standing = self._standing(cadre_id)
        if opened:
            standing.concern_opened(concern_id)
        else:
            standing.concern_closed(concern_id)
        self.save(standing, tracking=tracking)

    def note_register(self, cadre_id: str, post: dict[str, str], effective_on: date,
                      tracking: Tracking | None = None) -> None:
        """The register's post and level of the cadre, as identification published it."""
        standing = self._standing(cadre_id)
        if standing.register_post != post:
            standing.register_noted(post, effective_on)
        self.save(standing, tracking=tracking)

    def note_appeal(self, cadre_id: str, appeal: dict[str, Any], *, decided: bool,
                    tracking: Tracking) -> None:
        """Keep track of pending reviews and appeals (they stand against promotion)."""
        standing = self._standing(cadre_id)
        if decided:
            standing.appeal_decided(appeal["appeal_id"], appeal["outcome"], appeal["decided_on"])
        else:
            standing.appeal_lodged(appeal["appeal_id"], appeal["case_id"], appeal["lodged_on"])
        self.save(standing, tracking=tracking)

    def scan(self, today: date) -> int:
        """Flag missed items and declare eligibility on every plan with something due; returns changes."""
        changed = 0
        for due in self.due_plans.due(today):
            headers = {"traceparent": due.traceparent} if due.traceparent else {}
            with continued_span("follow-up deadline scan", headers):
                plan = self.get_plan(due.plan_id)
                # Missed items first: they fell due before any eligibility declared today.
                missed = plan.flag_missed(today)
                standing = self._standing(plan.cadre_id)
                eligible = plan.declare_eligible(today, open_concerns=len(standing.open_concerns))
                if not missed and not eligible:
                    continue
                try:
                    self.save(plan)
                    changed += 1
                except IntegrityError:
                    log.info("plan %s changed concurrently; next scan retries", plan.id)
        return changed

    def update_plan(self, plan_id: UUID, command: Callable[[FollowUpPlan], None], *,
                    admit: Callable[[FollowUpPlan], None], acting: Acting | None = None) -> FollowUpPlan:
        """Load, let `admit` refuse the caller, apply one command, save: the shape of every recording.

        `admit` sees the plan before the command, so a refused caller learns nothing of its state."""
        plan = self.get_plan(plan_id)
        admit(plan)
        command(plan)
        self.save(plan, acting=acting)
        return plan

    def promotion_check(self, cadre_id: str, on: date, above_level: str | None) -> tuple[bool, list[str]]:
        """May the cadre be promoted (or appointed above `above_level`) on `on`? A promotion is a
        post above the level the cadre register records now, unless another level is named."""
        registered = self.promotion_view.register_level(cadre_id)
        allowed, reasons = check_promotion(self.promotion_view.facts(cadre_id), on,
                                           above_level or registered)
        if above_level is None and registered:
            reasons = [*reasons, f"current level {registered}, as the cadre register records it"]
        return allowed, reasons

    def get_plan(self, plan_id: UUID) -> FollowUpPlan:
        plan = self._get(plan_id)
        if plan is None:
            raise PlanNotFoundError(f"no follow-up plan {plan_id}")
        return plan

    def plans_of(self, cadre_id: str) -> list[FollowUpPlan]:
        standing = self._standing(cadre_id)
        return [self.get_plan(UUID(plan_id)) for plan_id in standing.plan_ids]

    def _get(self, plan_id: UUID) -> FollowUpPlan | None:
        try:
            plan: FollowUpPlan = self.repository.get(plan_id)
        except AggregateNotFoundError:
            return None
        return plan

    def _standing(self, cadre_id: str) -> CadreStanding:
        try:
            standing: CadreStanding = self.repository.get(CadreStanding.create_id(cadre_id))
        except AggregateNotFoundError:
            standing = CadreStanding(cadre_id=cadre_id)
        return standing
