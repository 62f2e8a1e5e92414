"""The supervisor's view: a cadre's record replayed "as of" and "as known at" with each entry's
proof checked in the page, statistics as tables with an XLSX export, and the annual filings.
Every read by a supervisor states its purpose (X-Cadre-Reason), which the service records."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console import statistics_export
from services.console.web import FormDep, SessionDep, calls, go, page
from shared.integrity.statements import public_key_from
from shared.integrity.verifier import check_inclusion

router = APIRouter()
READERS_WHO_STATE_PURPOSE = ("supervisor", "inspection_team")


def _needs_purpose(session: Any, purpose: str) -> bool:
    if purpose:
        session.purpose = purpose
    return bool(session.principal["role"] in READERS_WHO_STATE_PURPOSE and not session.purpose)


def _ask_purpose(request: Request, session: Any, action: str) -> Response:
    """The read waits for its stated purpose; what was asked for is kept in the form."""
    kept = {k: v for k, v in request.query_params.items() if k != "purpose"}
    return page(request, "purpose.html", session, action=action, kept=kept)


@router.get("/supervision", response_class=HTMLResponse)
def supervision_home(request: Request, session: SessionDep) -> Response:
    return page(request, "supervision.html", session, year=date.today().year)


@router.get("/cadres/{cadre_id}", response_class=HTMLResponse)
def timeline_page(cadre_id: str, request: Request, session: SessionDep, as_of: str = "",
                  as_known_at: str = "", purpose: str = "") -> Response:
    if _needs_purpose(session, purpose):
        return _ask_purpose(request, session, f"/cadres/{cadre_id}")
    api = calls(request, session)
    timeline = api.get("audit", f"/cadres/{cadre_id}/timeline", as_of=as_of, as_known_at=as_known_at)
    full = api.get("audit", f"/cadres/{cadre_id}/timeline") if (as_of or as_known_at) else timeline
    days = sorted({e["timing"]["known_at"][:10] for e in full["entries"] if "known_at" in e.get("timing", {})}
                  | {e["timing"]["effective_at"][:10] for e in full["entries"]
                     if "effective_at" in e.get("timing", {})})
    return page(request, "timeline.html", session, cadre_id=cadre_id, timeline=timeline, days=days,
                as_of=as_of, as_known_at=as_known_at, total=len(full["entries"]))


@router.get("/cadres/{cadre_id}/entries/{event_id}/proof", response_class=HTMLResponse)
def proof_page(cadre_id: str, event_id: str, request: Request, session: SessionDep,
               download: str = "") -> Response:
    """The proof checked here with the standalone verifier's own code, and offered for download so
    anyone can check it again with `cadre verify-proof` and the published key."""
    api = calls(request, session)
    proof = api.get("audit", f"/cadres/{cadre_id}/entries/{event_id}/proof")
    if download == "proof":
        return Response(json.dumps(proof, ensure_ascii=False, indent=1), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="proof-{event_id}.json"'})
    key_pem = api.get_text("audit", "/integrity/public-key.pem")
    if download == "key":
        return Response(key_pem, media_type="application/x-pem-file",
                        headers={"Content-Disposition": 'attachment; filename="audit-public.pem"'})
    problems = check_inclusion(proof, public_key_from(key_pem), proof.get("served_entry"))
    return page(request, "proof.html", session, cadre_id=cadre_id, event_id=event_id, proof=proof,
                problems=problems)


@router.get("/supervision/statistics", response_class=HTMLResponse)
def statistics_page(request: Request, session: SessionDep, year: str = "", purpose: str = "",
                    export: str = "") -> Response:
    if _needs_purpose(session, purpose):
        return _ask_purpose(request, session, "/supervision/statistics")
    numbers = calls(request, session).get("audit", "/statistics", year=year or None)
    if export == "xlsx":
        name = f"statistics-{year or 'all'}.xlsx"
        return Response(statistics_export.workbook(numbers), media_type=statistics_export.XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return page(request, "statistics.html", session, numbers=numbers, year=year,
                tables=statistics_export.tables(numbers))


@router.get("/supervision/access-log", response_class=HTMLResponse)
def access_log_page(request: Request, session: SessionDep, outcome: str = "", principal: str = "",
                    purpose: str = "") -> Response:
    if _needs_purpose(session, purpose):
        return _ask_purpose(request, session, "/supervision/access-log")
    entries = calls(request, session).get("audit", "/access-log", outcome=outcome, principal=principal,
                                          limit=500)
    return page(request, "access_log.html", session, entries=entries, outcome=outcome, principal=principal)


@router.get("/supervision/filings", response_class=HTMLResponse)
def filings_page(request: Request, session: SessionDep, org_dept: str = "org:baotou-municipal",
                 year: str = "", purpose: str = "") -> Response:
    if _needs_purpose(session, purpose):
        return _ask_purpose(request, session, "/supervision/filings")
    chosen = year or str(date.today().year)
    filing, refused = calls(request, session).try_get("audit", f"/filings/{org_dept}/{chosen}")
    return page(request, "filings.html", session, filing=filing, refusal=refused, org_dept=org_dept,
                year=chosen, print_url=f"/supervision/filings/print?org_dept={org_dept}&year={chosen}")


@router.get("/supervision/filings/print", response_class=HTMLResponse)
def filing_print(request: Request, session: SessionDep, org_dept: str, year: str) -> Response:
    """The annual filing as the audit service prints it (its own Chinese A4 document)."""
    html = calls(request, session).get_text("audit", f"/filings/{org_dept}/{year}/print")
    # The service's document carries its own print styles; nothing else may run in it.
    return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'none'; "
                                       "style-src 'unsafe-inline'; frame-ancestors 'none'"})


@router.post("/supervision/filings/acknowledgement")
def acknowledge_filing(request: Request, session: SessionDep, form: FormDep) -> Response:
    org_dept, year = str(form.get("org_dept")), str(form.get("year"))
    calls(request, session).post("audit", f"/filings/{org_dept}/{year}/acknowledgement",
                                 {k: v for k, v in form.items() if k == "acknowledged_on" and v})
    return go(f"/supervision/filings?org_dept={org_dept}&year={year}")
