"""Who may reach a follow-up plan, or a cadre's promotion check: the authority that manages the
cadre, as the executed adjustment named it (SPEC §8)."""

from __future__ import annotations

from collections.abc import Iterable

from services.followup.domain.plan import FollowUpPlan
from shared.access.policy import Target


def plan_target(plan: FollowUpPlan) -> Target:
    if plan.managing_unit is None:
        # Opened from an adjustment that did not name its authority (or before adjustments did):
        # only grants without a jurisdictional limit reach it. The cadre is kept for the access record.
        return Target(cadre_id=plan.cadre_id, known=False)
    return Target.of_cadre(plan.cadre_id, plan.managing_unit, plan.co_managing_unit, plan.cadre_unit)


def cadre_target(cadre_id: str, plans: Iterable[FollowUpPlan]) -> Target:
    """The promotion check answers from every plan on the cadre, so each authority that manages one
    of them reaches it; the post unit is the latest plan's. No known authority: nobody's jurisdiction."""
    known = sorted((p for p in plans if p.managing_unit is not None), key=lambda p: p.effective_on)
    if not known:
        return Target(cadre_id=cadre_id, known=False)
    managing = frozenset(u for p in known for u in plan_target(p).managing_units)
    return Target(managing_units=managing, cadre_id=cadre_id, cadre_unit=known[-1].cadre_unit)
