"""The officer's desk (工作台) and the register search, read from the services' list endpoints."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console import desk
from services.console.refusals import Refusal
from services.console.service_calls import ServiceCalls, ServiceRefused
from services.console.web import SessionDep, calls, go, page
from shared.calendar.sources import load_calendar
from shared.calendar.working_days import WorkingDayCalendar

router = APIRouter()


@lru_cache(maxsize=1)
def calendar() -> WorkingDayCalendar:
    return load_calendar()


def _formalities_due(api: ServiceCalls, cases: list[dict[str, Any]]) -> dict[str, str | None]:
    """The IM 21 deadline is on the case itself; read only the cases at that step."""
    due: dict[str, str | None] = {}
    for case in cases:
        if case.get("next_step") == "formalities":
            full, _ = api.try_get("adjustment", f"/cases/{case['case_id']}")
            due[str(case["case_id"])] = full.get("formalities_overdue_on") if full else None
    return due


def worklist(api: ServiceCalls, subject: str) -> tuple[list[desk.DeskItem], list[Refusal]]:
    refusals: list[Refusal] = []

    def listed(service: str, path: str, size_name: str = "size", **params: Any) -> list[Any]:
        try:
            return api.every_page(service, path, size_name, **params)
        except ServiceRefused as refused:  # one service's refusal does not blank the others
            refusals.append(refused.refusal)
            return []

    worklist_of_me, refused = api.try_get("identification", f"/worklists/{subject}")
    if refused is not None:
        refusals.append(refused)
    signals = listed("identification", "/signals", state="unresolved") + \
        listed("identification", "/signals", state="received")
    cases = listed("adjustment", "/cases", size_name="limit")
    items = [
        *desk.signal_items(signals),
        *desk.concern_items(listed("identification", "/concerns", state="open")),
        *desk.clock_items(worklist_of_me or {}),
        *desk.case_items(cases, _formalities_due(api, cases)),
        *desk.appeal_items(listed("adjustment", "/appeals", state="pending")),
        *desk.plan_items(listed("followup", "/plans", state="open")),
        *desk.plan_items(listed("followup", "/plans", state="eligible")),
    ]
    return desk.ordered(desk.with_working_days(items, calendar(), date.today())), refusals


@router.get("/", response_class=HTMLResponse)
def desk_page(request: Request, session: SessionDep) -> Response:
    assert session.principal is not None
    role = session.principal["role"]
    if role == "cadre":
        return go("/me")
    if role in ("supervisor", "inspection_team"):
        return go("/supervision")
    items, refusals = worklist(calls(request, session), session.principal["subject"])
    return page(request, "desk.html", session, items=items, refusals=refusals, today=date.today())


@router.get("/register", response_class=HTMLResponse)
def register_search(request: Request, session: SessionDep, q: str = "", unit: str = "",
                    post: str = "", purpose: str = "") -> Response:
    if purpose:
        session.purpose = purpose
    results = None
    refusal = None
    if q or unit or post:
        results, refusal = calls(request, session).try_get(
            "identification", "/register/cadres", q=q, unit=unit, post=post, size=50)
    return page(request, "register.html", session, q=q, unit=unit, post=post, results=results,
                refusal=refusal)
