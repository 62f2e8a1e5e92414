"""The follow-up plan: impact period, schedule and record, items recorded, the promotion check,
and the committee's reinstatement decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.forms import text
from services.console.web import FormDep, SessionDep, calls, go, page

router = APIRouter()


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(plan_id: str, request: Request, session: SessionDep, on: str = "") -> Response:
    api = calls(request, session)
    plan = api.get("followup", f"/plans/{plan_id}")
    check, check_refused = api.try_get("followup", "/promotion-check", cadre_id=plan["cadre_id"],
                                       on=on or date.today().isoformat())
    return page(request, "plan.html", session, plan=plan, check=check, check_refused=check_refused,
                on=on or date.today().isoformat())


@router.post("/plans/{plan_id}/items")
def record_item(plan_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    calls(request, session).post("followup", f"/plans/{plan_id}/items",
                                 text(form, "kind", "by", "on", "note", "grade", "on_behalf_of"))
    return go(f"/plans/{plan_id}")


@router.post("/plans/{plan_id}/reinstatement-decision")
def decide_reinstatement(plan_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    body: dict[str, Any] = text(form, "decision", "decided_on", "on_behalf_of")
    if form.get("post"):
        body["new_post"] = text(form, "post", "unit_id", "rank", "level")
    calls(request, session).post("followup", f"/plans/{plan_id}/reinstatement-decision", body)
    return go(f"/plans/{plan_id}")
