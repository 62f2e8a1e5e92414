"""The follow-up service layer: plans opened by executed adjustments, eligibility when periods end."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError, Tracking

from services.followup.domain.errors import PlanNotFoundError
from services.followup.domain.impact import ImpactRule
from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.standing import CadreStanding
from services.followup.due_plans import DuePlans
from shared.eventstore.application import ServiceApplication
from shared.tracing import continued_span

log = logging.getLogger(__name__)
ImpactRules = Callable[[str, str], ImpactRule]


class FollowUpPlans(ServiceApplication):
    name = "followup"

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.impact_rules: ImpactRules | None = None
        self.due_plans = DuePlans(self)

    def open_plan(
        self,
        *,
        case_id: str,
        cadre_id: str,
        pack_id: str,
        method: str,
        effective_on: date,
        former_post: str,
        former_rank: str,
        tracking: Tracking | None = None,
    ) -> UUID:
        """Open the follow-up plan of an executed adjustment, with its impact period."""
        plan_id = FollowUpPlan.create_id(case_id)
        if self._get(plan_id) is not None:
            self.save(tracking=tracking)
            return plan_id
        assert self.impact_rules is not None, "bootstrap sets the pack's impact rules"
        rule = self.impact_rules(pack_id, method)
        plan = FollowUpPlan(
            case_id=case_id, cadre_id=cadre_id, pack_id=pack_id, method=method,
            effective_on=effective_on, former_post=former_post, former_rank=former_rank,
            impact_period_ends_on=rule.ends_on(effective_on), bar=rule.bar,
            citation=rule.citation,
        )
        standing = self._standing(cadre_id)
        standing.plan_added(str(plan.id))
        self.save(plan, standing, tracking=tracking)
        return plan.id

    def note_concern(
        self, cadre_id: str, concern_id: str, *, opened: bool, tracking: Tracking | None = None
    ) -> None:
        """Keep track of concerns open about the cadre (they block eligibility)."""
        standing = self._standing(cadre_id)
        if opened:
            standing.concern_opened(concern_id)
        else:
            standing.concern_closed(concern_id)
        self.save(standing, tracking=tracking)

    def declare_due_eligibility(self, today: date) -> int:
        """Emit eligibility for every plan whose impact period is over; returns how many."""
        self.due_plans.catch_up()
        declared = 0
        for due in self.due_plans.due(today):
            headers = {"traceparent": due.traceparent} if due.traceparent else {}
            with continued_span("declare reinstatement eligibility", headers):
                plan = self.get_plan(due.plan_id)
                standing = self._standing(plan.cadre_id)
                if plan.declare_eligible(today, open_concerns=len(standing.open_concerns)):
                    try:
                        self.save(plan)
                        declared += 1
                    except IntegrityError:
                        log.info("plan %s changed concurrently; next scan retries", plan.id)
        return declared

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
