"""Queries: a cadre's concerns, an officer's worklist with working-day countdowns, "up" flags."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.identification.routes import authority
from services.identification.routes.deps import AppDep, TodayDep
from services.identification.routes.signals import ConcernPublic, concern_public, visible_concerns
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.calendar import CalendarNotCoveredError

router = APIRouter(tags=["queries"])


@router.get("/cadres/{cadre_id}/concerns", openapi_extra=access(Action.READ_REPORTS))
def get_cadre_concerns(cadre_id: str, app: AppDep, gate: GateDep) -> dict[str, list[ConcernPublic]]:
    """The cadre's open concerns and the history of closed ones."""
    concerns = [concern_public(c) for c in visible_concerns(app, gate, cadre_id)]
    return {
        "open": [c for c in concerns if c.determination is None],
        "history": [c for c in concerns if c.determination is not None],
    }


@router.get("/worklists/{officer}", openapi_extra=access(Action.READ_REPORTS))
def get_worklist(officer: str, app: AppDep, today: TodayDep, gate: GateDep) -> dict[str, Any]:
    """What the officer must do next, earliest due first, with working days left (negative: late);
    a deadline in a year with no official schedule says "calendar missing" and names the year.

    Only items about cadres the principal may read are shown."""
    app.deadlines.catch_up()
    items = []
    for item in app.deadlines.worklist(officer):
        target = authority.of_worklist_item(item.pop("authority"))
        if gate.visible(target):
            items.append((item, target))
    gate.listed([target for _, target in items])
    calendar = app.calendar
    for item, _ in items:
        due = item["due_on"]
        item.update(working_days_left=None, countdown="no deadline", calendar_missing_year=None,
                    calendar_note=None)
        if due is not None:
            try:
                left = calendar.working_days_between(today, due)
            except CalendarNotCoveredError as error:  # say so rather than guess weekdays
                item.update(countdown="calendar missing", calendar_missing_year=error.year,
                            calendar_note={"zh": error.message_zh, "en": error.message_en})
            else:
                item["working_days_left"] = left
                item["countdown"] = (f"{left} working days left" if left > 0 else "due today"
                                     if left == 0 and due >= today else f"{-left} working days late"
                                     if left < 0 else "due today")
            item["due_on"] = due.isoformat()
    return {"officer": officer, "today": today.isoformat(), "items": [item for item, _ in items]}


@router.get("/cadres/{cadre_id}/up-flags", openapi_extra=access(Action.READ_CASE))
def get_up_flags(cadre_id: str, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The cadre's "up" side: three consecutive excellent years and the pack's up items (SPEC §9)."""
    gate.check(authority.of_ledger(cadre_id, app.ledger_of(cadre_id)))
    return app.up_flags(cadre_id)
