"""The read model behind the promotion check: per cadre, impact periods, concerns, appeals, retirement.

Projected from the service's own log (plans and the cadre standing), so a query touches no
aggregate and a restart rebuilds it from the stored events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.plan_records import PlanRecords
from services.followup.domain.promotion import ImpactBar, PromotionFacts
from services.followup.domain.standing import CadreStanding
from shared.eventstore.application import ServiceApplication
from shared.eventstore.log_projection import LogProjection


class PromotionView(LogProjection):
    event_classes = (FollowUpPlan.Opened, FollowUpPlan.Corrected, PlanRecords.RetiredEarly,
                     CadreStanding.Event)

    def __init__(self, app: ServiceApplication) -> None:
        super().__init__(app)
        self.bars: dict[str, dict[UUID, ImpactBar]] = defaultdict(dict)
        self.cadre_of_plan: dict[UUID, str] = {}
        self.cadre_of_standing: dict[UUID, str] = {}
        self.concerns: dict[str, set[str]] = defaultdict(set)
        self.appeals: dict[str, set[str]] = defaultdict(set)
        self.retired_on: dict[str, date] = {}
        self.levels: dict[str, str] = {}  # the register's current rank (职级) of each cadre
        # The leadership levels of a pack (bootstrap gives the service's registry).
        self.levels_of: Callable[[str], tuple[str, ...]] = lambda pack_id: ()

    def apply(self, domain_event: object) -> None:
        e: Any = domain_event
        if isinstance(e, FollowUpPlan.Opened):
            self.cadre_of_plan[e.originator_id] = e.cadre_id
            self.bars[e.cadre_id][e.originator_id] = ImpactBar(
                plan_id=str(e.originator_id), bar=e.bar, starts_on=e.effective_on,
                ends_on=e.impact_period_ends_on, former_rank=e.former_rank, citation=e.citation,
                levels=self.levels_of(e.pack_id),
            )
        elif isinstance(e, FollowUpPlan.Corrected):
            cadre_id = self.cadre_of_plan[e.originator_id]
            bar = self.bars[cadre_id][e.originator_id]
            self.bars[cadre_id][e.originator_id] = replace(
                bar, bar=e.bar, ends_on=e.impact_period_ends_on, citation=e.citation
            )
        elif isinstance(e, PlanRecords.RetiredEarly):
            self.retired_on[e.cadre_id] = e.on
        elif isinstance(e, CadreStanding.Started):
            self.cadre_of_standing[e.originator_id] = e.cadre_id
        elif isinstance(e, CadreStanding.Event):
            self._apply_standing(e, self.cadre_of_standing[e.originator_id])

    def _apply_standing(self, e: Any, cadre_id: str) -> None:
        if isinstance(e, CadreStanding.ConcernOpened):
            self.concerns[cadre_id].add(e.concern_id)
        elif isinstance(e, CadreStanding.ConcernClosed):
            self.concerns[cadre_id].discard(e.concern_id)
        elif isinstance(e, CadreStanding.AppealLodged):
            self.appeals[cadre_id].add(e.appeal_id)
        elif isinstance(e, CadreStanding.AppealDecided):
            self.appeals[cadre_id].discard(e.appeal_id)
        elif isinstance(e, CadreStanding.RegisterNoted):
            self.levels[cadre_id] = e.post["rank"]

    def register_level(self, cadre_id: str) -> str | None:
        with self.lock:
            self.catch_up()
            return self.levels.get(cadre_id)

    def facts(self, cadre_id: str) -> PromotionFacts:
        with self.lock:
            self.catch_up()
            return PromotionFacts(
                bars=tuple(self.bars.get(cadre_id, {}).values()),
                open_concerns=tuple(self.concerns.get(cadre_id, ())),
                pending_appeals=tuple(self.appeals.get(cadre_id, ())),
                retired_on=self.retired_on.get(cadre_id),
            )
