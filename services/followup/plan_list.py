"""Every plan with whom it is about and who manages them, for `GET /plans` without a cadre id;
derived from the service's own log, so a restart rebuilds it."""

from __future__ import annotations

from typing import Any

from services.followup.domain.plan import FollowUpPlan
from shared.access.policy import Target
from shared.eventstore.log_projection import LogProjection


class PlanList(LogProjection):
    event_classes = (FollowUpPlan.Opened,)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.targets: dict[str, tuple[str, Target]] = {}  # plan id → (cadre id, authority)

    def apply(self, domain_event: Any) -> None:
        e = domain_event
        managing = getattr(e, "managing_unit", None)
        target = (Target.of_cadre(e.cadre_id, managing, getattr(e, "co_managing_unit", None),
                                  getattr(e, "cadre_unit", None))
                  if managing else Target(cadre_id=e.cadre_id, known=False))
        self.targets[str(e.originator_id)] = (e.cadre_id, target)

    def all(self) -> list[tuple[str, str, Target]]:
        self.catch_up()
        with self.lock:
            return [(plan_id, cadre_id, target) for plan_id, (cadre_id, target) in self.targets.items()]
