"""The cadre's own view: their case and plan, and lodging an appeal or review, a fault-tolerance
application or a request of their own. The services let a cadre see only their own records."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.forms import text
from services.console.web import FormDep, SessionDep, calls, go, page

router = APIRouter()


@router.get("/me", response_class=HTMLResponse)
def own_view(request: Request, session: SessionDep) -> Response:
    assert session.principal is not None
    api = calls(request, session)
    me = session.principal["subject"]
    cases, cases_refused = api.try_get("adjustment", "/cases", cadre_id=me)
    plans, _ = api.try_get("followup", "/plans", cadre_id=me)
    appeals, _ = api.try_get("adjustment", "/appeals", cadre_id=me)
    return page(request, "me.html", session, cases=cases or [], plans=plans or [], appeals=appeals or [],
                refusal=cases_refused)


@router.post("/plans/{plan_id}/own-request")
def own_request(plan_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    calls(request, session).post("followup", f"/plans/{plan_id}/own-request", text(form, "reason", "on"))
    return go("/me")
