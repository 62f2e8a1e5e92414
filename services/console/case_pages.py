"""The adjustment case: the five steps as a progress line, the form of the next step, appeals and
reviews beside it (never blocking it), comparable cases, and the printable documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.forms import checked, lines, number, text
from services.console.web import FormDep, SessionDep, calls, go, page

router = APIRouter()


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(case_id: str, request: Request, session: SessionDep) -> Response:
    api = calls(request, session)
    case = api.get("adjustment", f"/cases/{case_id}")
    appeals, appeals_refused = api.try_get("adjustment", f"/cases/{case_id}/appeals")
    comparable, _ = api.try_get("adjustment", f"/cases/{case_id}/comparable-cases")
    plans, _ = api.try_get("followup", "/plans", cadre_id=case["cadre"]["cadre_id"])
    plan = next((p for p in plans or [] if p.get("case_id") == case_id), None)
    return page(request, "case.html", session, case=case, appeals=appeals or [],
                appeals_refused=appeals_refused, comparable=comparable, plan=plan)


def _proposal(form: dict[str, Any]) -> dict[str, Any]:
    return {**text(form, "method", "reason", "destination_post", "new_rank", "nature", "study_meeting",
                   "record_and_attitude", "proposed_on", "gravity", "destination_unit_id", "new_level",
                   "on_behalf_of"),
            "participants": lines(form.get("participants"))}


def _decision(form: dict[str, Any]) -> dict[str, Any]:
    """The meeting record (CSR 30 or the pack's rule: who should attend, who came, the votes) and,
    under dual management, the co-managing side's opinion as a fact (IM 18)."""
    body: dict[str, Any] = {**text(form, "meeting_date", "on_behalf_of"),
                            "attendees": lines(form.get("attendees")),
                            "opinions_heard": lines(form.get("opinions_heard"))}
    for name in ("members_expected", "present", "votes_for", "votes_against", "abstaining"):
        if (value := number(form, name)) is not None:
            body[name] = value
    if form.get("consulted_person") or form.get("opinion"):
        body["consultation"] = text(form, "co_managing_unit", "consulted_person", "consulted_on",
                                    "opinion")
    return body


def _talk(form: dict[str, Any]) -> dict[str, Any]:
    return text(form, "talker", "talker_position", "talk_date", "summary", "cadre_response", "on_behalf_of")


def _formalities(form: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {**text(form, "effective_on", "removal_document", "appointment_document",
                                   "on_behalf_of"), "elected_post": checked(form, "elected_post")}
    if form.get("org_dept_approval") or form.get("staffing_approval"):
        body["over_quota_approval"] = text(form, "org_dept_approval", "staffing_approval", "absorb_by")
    return body


def _salary(form: dict[str, Any]) -> dict[str, Any]:
    return text(form, "completed_on")


STEP_BODIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "proposal": _proposal, "decision": _decision, "talk": _talk, "formalities": _formalities,
    "salary-formalities": _salary}


@router.post("/cases/{case_id}/{step}")
def record_step(case_id: str, step: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    if step not in STEP_BODIES:
        return page(request, "refused.html", session, status_code=404, title="没有这个步骤",
                    detail=f"{step} 不是调整程序的步骤。")
    calls(request, session).post("adjustment", f"/cases/{case_id}/{step}", STEP_BODIES[step](form))
    return go(f"/cases/{case_id}")


@router.post("/cases/{case_id}/appeals/new")
def lodge_appeal(case_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    calls(request, session).post("adjustment", f"/cases/{case_id}/appeals",
                                 text(form, "kind", "lodged_by", "lodged_on", "grounds"))
    return go("/me" if session.principal and session.principal["role"] == "cadre" else f"/cases/{case_id}")


@router.post("/appeals/{appeal_id}/decision")
def decide_appeal(appeal_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    appeal = calls(request, session).post("adjustment", f"/appeals/{appeal_id}/decision", text(
        form, "outcome", "decided_on", "reason", "effective_on", "restored_post", "restored_rank",
        "new_method", "on_behalf_of"))
    return go(f"/cases/{appeal['case_id']}#appeals")


@router.get("/cases/{case_id}/documents/{document}", response_class=HTMLResponse)
def case_document(case_id: str, document: str, request: Request, session: SessionDep) -> Response:
    """The decision notice and the talk record, laid out for A4 paper."""
    if document not in ("decision-notice", "talk-record"):
        return page(request, "refused.html", session, status_code=404, title="没有这份文书", detail=document)
    case = calls(request, session).get("adjustment", f"/cases/{case_id}")
    return page(request, f"{document}.html", session, case=case)
