"""Signal and concern pages, with the forms of the steps between a signal and the determination:
early-sign measures, observation, verification, and the determination citing items of the pack."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.forms import checked, lines, text
from services.console.web import FormDep, SessionDep, calls, go, page

router = APIRouter()


@router.get("/signals/{signal_id}", response_class=HTMLResponse)
def signal_page(signal_id: str, request: Request, session: SessionDep) -> Response:
    signal = calls(request, session).get("identification", f"/signals/{signal_id}")
    return page(request, "signal.html", session, signal=signal)


@router.post("/signals/{signal_id}/resolution")
def resolve_signal(signal_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    result = calls(request, session).post("identification", f"/signals/{signal_id}/resolution",
                                          text(form, "cadre_id"))
    return go(f"/concerns/{result['concern_id']}")


def _pack_items(request: Request, session: Any, concern: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of the concern's pack, to choose from (never typed)."""
    pack_ids = sorted({c["pack_id"] for c in concern.get("citations", []) if c.get("pack_id")}) or ["IM-2022"]
    items: list[dict[str, Any]] = []
    for pack_id in pack_ids:
        pack, _ = calls(request, session).try_get("identification", f"/packs/{pack_id}")
        for item in (pack or {}).get("items", []):
            items.append({"value": f"{pack_id}|{item['article']}", "pack_id": pack_id, **item})
    return items


@router.get("/concerns/{concern_id}", response_class=HTMLResponse)
def concern_page(concern_id: str, request: Request, session: SessionDep) -> Response:
    api = calls(request, session)
    concern = api.get("identification", f"/concerns/{concern_id}")
    cited = {f"{c['pack_id']}|{c['article']}" for c in concern.get("citations", [])}
    case = None
    if concern.get("status") == "unsuitable":
        cases, _ = api.try_get("adjustment", "/cases", cadre_id=concern["cadre"]["cadre_id"])
        case = next((c for c in cases or [] if c["concern_id"] == concern_id), None)
    return page(request, "concern.html", session, concern=concern, cited=cited, case=case,
                items=_pack_items(request, session, concern))


@router.post("/concerns/{concern_id}/verification")
def verify(concern_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    body: dict[str, Any] = {**text(form, "verified_on", "summary", "on_behalf_of"),
                            "evidence_refs": lines(form.get("evidence_refs"))}
    if form.get("interview_person"):
        body["interviews"] = [{"person": form["interview_person"], "on": form.get("interview_on") or
                               form.get("verified_on"), "summary": form.get("interview_summary") or ""}]
    calls(request, session).post("identification", f"/concerns/{concern_id}/verification", body)
    return go(f"/concerns/{concern_id}")


@router.post("/concerns/{concern_id}/measures")
def take_measure(concern_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    calls(request, session).post("identification", f"/concerns/{concern_id}/measures",
                                 text(form, "measure", "taken_on", "content", "on_behalf_of"))
    return go(f"/concerns/{concern_id}")


@router.post("/concerns/{concern_id}/observation")
def set_observation(concern_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    calls(request, session).post("identification", f"/concerns/{concern_id}/observation",
                                 text(form, "deadline", "set_on", "on_behalf_of"))
    return go(f"/concerns/{concern_id}")


@router.post("/concerns/{concern_id}/determination")
def determine(concern_id: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    chosen = lines(form.get("circumstances[]") or form.get("circumstances"))
    body: dict[str, Any] = {
        **text(form, "outcome", "determined_on", "matter_ref", "clarification", "on_behalf_of"),
        "circumstances": [{"pack_id": v.split("|", 1)[0], "article": v.split("|", 1)[1]}
                          for v in chosen if "|" in v],
        "evidence_refs": lines(form.get("evidence_refs")),
        "flag_reporter": checked(form, "flag_reporter"),
    }
    calls(request, session).post("identification", f"/concerns/{concern_id}/determination", body)
    return go(f"/concerns/{concern_id}")


@router.get("/fault-tolerance/{application_id}", response_class=HTMLResponse)
def fault_tolerance_page(application_id: str, request: Request, session: SessionDep) -> Response:
    """A fault-tolerance application with its clocks (WY-FT), each with its last day."""
    application = calls(request, session).get("identification",
                                               f"/fault-tolerance/applications/{application_id}")
    return page(request, "fault_tolerance.html", session, application=application)
