"""The identification service's endpoints as access probes (tests/access.py), and the records they
are about: a concern, a signal, a fault-tolerance application, a reform filing and feed facts about
CADRE_ID, managed by MANAGING, holding a post in CADRE_UNIT and reported by SYSTEM.

Every probe sends a valid body, so a request the gate lets through reaches the application; what
the application then says (a step out of order, a duplicate) does not matter to the matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import jwt
from fastapi.testclient import TestClient

from tests.access import CADRE_ID, CADRE_UNIT, MANAGING, SYSTEM, Probe, headers_for
from tests.identification.integration.register_files import csv_bytes, row

OFFICER = headers_for("case_officer", MANAGING)
WORKLIST_OFFICER = "officer-matrix"
CADRE = {"cadre_id": CADRE_ID, "name": "包明", "unit_id": CADRE_UNIT, "post": "局长", "rank": "正处级"}
CITATION = {"pack_id": "IM-2022", "article": "art. 6(8)"}
FT = "/fault-tolerance/applications"
Call = Callable[[dict[str, str]], httpx.Response]


@dataclass(frozen=True)
class Records:
    concern_id: str
    signal_id: str
    application_id: str
    filing_id: str
    order_id: str


def ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


def signal_body(signal_id: str) -> dict[str, Any]:
    return {"signal_id": signal_id, "source_system": SYSTEM, "channel": "supervision_results",
            "reporter": "市纪委监委", "cadre": CADRE, "managing_unit": MANAGING, "citation": CITATION,
            "summary": "重点项目推进中消极应付", "reported_at": "2026-03-01T09:00:00+08:00"}


def report_as_caller(client: Any) -> Call:
    """A producer reports under its own name, anyone else under their unit's (the policy reserves
    producers' names to them)."""

    def call(headers: dict[str, str]) -> httpx.Response:
        claims = jwt.decode(headers["Authorization"].split()[1], options={"verify_signature": False})
        body = signal_body("sig-matrix-probe")
        if claims["role"] != "producer":
            body["source_system"] = f"daily:{claims['unit']}"
        return client.post("/signals", json=body, headers=headers)

    return call


def application_body() -> dict[str, Any]:
    return {"cadre": CADRE, "managing_unit": MANAGING, "matter_ref": "matter-matrix",
            "grounds": "LG-FT 5(3)", "citation": CITATION,
            "accountability_started_on": "2026-01-20", "applied_on": "2026-02-10"}


def correction_body() -> dict[str, Any]:
    return {"cadre": CADRE, "managing_unit": MANAGING, "pack_id": "WY-2019", "matter_ref": "matter-matrix",
            "reason": "决策偏差", "on_behalf_of": "市纪委监委", "started_on": "2026-03-02"}


# A far-off year, so that loading it changes nothing any other test counts on.
SCHEDULE = {"year": 2099, "holidays": ["2099-01-01"], "workdays": [], "source": "test schedule"}


def filing_body() -> dict[str, Any]:
    return {"unit_id": CADRE_UNIT, "pack_id": "LG-2020", "title": "容缺受理试点", "plan": "方案",
            "unit_discussion": "党组会", "leader_agreed_by": "分管副市长", "on_behalf_of": "住建局",
            "filed_on": "2026-02-03"}


def assessment_body(record_id: str, cadre: dict[str, str] = CADRE) -> dict[str, Any]:
    return {"record_id": record_id, "jurisdiction": "j-lg", "managing_unit": MANAGING,
            "feed": "annual_assessment",
            "subject": {"kind": "cadre", "id": cadre["cadre_id"], "cadre": cadre},
            "fact": {"kind": "grade", "period": 2024, "grade": "excellent"}}


def statistics_body(record_id: str) -> dict[str, Any]:
    return {"record_id": record_id, "jurisdiction": "j-wy", "managing_unit": MANAGING,
            "feed": "production_safety_accident",
            "subject": {"kind": "unit", "id": "unit-matrix",
                        "holders": [{"role": "unit_head", "cadre": CADRE}]},
            "fact": {"kind": "incident", "period": 2025, "severity": "ordinary", "count": 1}}


REGISTER_FILE = csv_bytes([row(CADRE_ID, "包明", CADRE_UNIT, MANAGING, post="局长", rank="正处级",
                               level="县处级正职")])


def import_register(client: TestClient, headers: dict[str, str]) -> httpx.Response:
    return client.post("/register/imports", content=REGISTER_FILE,
                       headers={**headers, "content-type": "text/csv"})


def create_records(client: TestClient) -> Records:
    ok(import_register(client, OFFICER))
    signal = ok(client.post("/signals", json=signal_body("sig-matrix"),
                            headers=headers_for("producer", "producer", SYSTEM)))
    concern_id = str(signal["concern_id"])
    ok(client.post(f"/concerns/{concern_id}/assignment", headers=OFFICER,
                   json={"officer": WORKLIST_OFFICER, "assigned_on": "2026-03-02"}))
    # A year-long observation keeps the concern open and on the worklist whatever the probes do
    # (a determination during it is refused after the gate).
    today = date.fromisoformat(ok(client.get("/clock", headers=OFFICER))["today"])
    ok(client.post(f"/concerns/{concern_id}/observation", headers=OFFICER, json={
        "deadline": (today + timedelta(days=365)).isoformat(), "on_behalf_of": "市委组织部",
        "set_on": today.isoformat()}))
    application = ok(client.post(FT, json=application_body(),
                                 headers=headers_for("cadre", CADRE_UNIT, CADRE_ID)))
    filing = ok(client.post("/reform-filings", json=filing_body(), headers=OFFICER))
    ok(client.post("/feeds/assessments", json=assessment_body("assess-matrix"),
                   headers=headers_for("producer", "producer", "assessment")))
    order = ok(client.post("/fault-tolerance/corrections", json=correction_body(), headers=OFFICER))
    return Records(concern_id=concern_id, signal_id=str(signal["signal_id"]),
                   application_id=str(application["application_id"]), filing_id=str(filing["filing_id"]),
                   order_id=str(order["order_id"]))


def _lists_concern(concern_id: str) -> Callable[[httpx.Response], bool]:
    def shows(response: httpx.Response) -> bool:
        body = response.json()
        concerns = body if isinstance(body, list) else [*body["open"], *body["history"]]
        return any(c["concern_id"] == concern_id for c in concerns)

    return shows


def _lists_cadre(response: httpx.Response) -> bool:
    return any(item["cadre_id"] == CADRE_ID for item in response.json()["items"])


def probes(client: TestClient, r: Records) -> list[Probe]:
    """One probe per route, named "METHOD /path" as the route declares it, grouped by family."""

    def get(path: str, **params: str) -> Call:
        return lambda h: client.get(path, params=params, headers=h)

    def post(path: str, body: dict[str, Any]) -> Call:
        return lambda h: client.post(path, json=body, headers=h)

    concern, filing = f"/concerns/{r.concern_id}", f"/reform-filings/{r.filing_id}"
    application, by = f"{FT}/{r.application_id}", {"on_behalf_of": "市委组织部", "on": "2026-03-02"}
    ft = f"{FT}/{{application_id}}"
    orders, order = "/fault-tolerance/corrections", f"/fault-tolerance/corrections/{r.order_id}"
    lists_concern = _lists_concern(r.concern_id)
    rows: list[tuple[str, str, str, Call, Callable[[httpx.Response], bool] | None]] = [
        ("report_signal", "POST", "/signals", report_as_caller(client), None),
        ("submit_feed", "POST", "/feeds/assessments",
         post("/feeds/assessments", assessment_body("assess-matrix")), None),
        ("submit_feed", "POST", "/feeds/statistics",
         post("/feeds/statistics", statistics_body("stat-matrix")), None),

        ("read_reference", "GET", "/packs", get("/packs"), None),
        ("read_reference", "GET", "/packs/{pack_id}", get("/packs/IM-2022"), None),
        ("read_reference", "GET", "/packs/{pack_id}/items/{number}",
         get("/packs/IM-2022/items/6(8)"), None),
        ("read_reference", "GET", "/jurisdictions/{unit_id}", get("/jurisdictions/j-lg"), None),
        ("read_reference", "GET", "/clock", get("/clock"), None),
        ("configure", "PUT", "/jurisdictions/{unit_id}/pack", lambda h: client.put(
            "/jurisdictions/j-matrix/pack", headers=h,
            json={"pack_id": "IM-2022", "on_behalf_of": "管理员", "bound_on": "2026-01-05"}), None),
        ("configure", "POST", "/clock/advance", post("/clock/advance", {"days": 0}), None),
        ("read_reference", "POST", "/reference/packs/validation",
         post("/reference/packs/validation", {"pack_id": "IM-2022"}), None),
        ("read_reference", "GET", "/reference/packs", get("/reference/packs"), None),
        ("configure", "POST", "/reference/packs", post("/reference/packs", {"pack_id": "IM-2022"}), None),
        ("configure", "POST", "/reference/packs/{pack_id}/versions/{version}/activation",
         post("/reference/packs/IM-2022/versions/1/activation", {"effective_from": "2026-01-01"}), None),
        ("read_reference", "POST", "/reference/calendars/validation",
         post("/reference/calendars/validation", SCHEDULE), None),
        ("read_reference", "GET", "/reference/calendars", get("/reference/calendars"), None),
        ("configure", "POST", "/reference/calendars", post("/reference/calendars", SCHEDULE), None),
        ("configure", "POST", "/reference/calendars/{year}/versions/{version}/activation",
         post("/reference/calendars/2099/versions/1/activation", {"effective_from": "2026-01-01"}), None),

        ("read_reports", "GET", "/signals/{signal_id}", get(f"/signals/{r.signal_id}"), None),
        ("read_reports", "GET", "/concerns/{concern_id}", get(concern), None),
        ("read_reports", "GET", "/concerns", get("/concerns", cadre_id=CADRE_ID), lists_concern),
        ("read_reports", "GET", "/signals", get("/signals", cadre_id=CADRE_ID),
         lambda response: any(s["signal_id"] == r.signal_id for s in response.json())),
        ("act_on_case", "POST", "/signals/{signal_id}/resolution", post(
            f"/signals/{r.signal_id}/resolution", {"cadre_id": CADRE_ID}), None),
        ("read_reports", "GET", "/cadres/{cadre_id}/concerns", get(f"/cadres/{CADRE_ID}/concerns"),
         lists_concern),
        ("read_reports", "GET", "/worklists/{officer}", get(f"/worklists/{WORKLIST_OFFICER}"), _lists_cadre),

        ("read_case", "GET", "/cadres/{cadre_id}/up-flags", get(f"/cadres/{CADRE_ID}/up-flags"), None),
        ("read_case", "GET", ft, get(application), None),
        ("read_case", "GET", "/reform-filings/{filing_id}", get(filing), None),
        ("read_case", "GET", "/register/cadres", get("/register/cadres", q="包"), _lists_cadre),
        ("read_case", "GET", "/register/cadres/{cadre_id}", get(f"/register/cadres/{CADRE_ID}"), None),
        ("act_on_case", "POST", "/register/imports", lambda h: import_register(client, h), None),

        ("act_on_case", "POST", "/concerns/{concern_id}/assignment", post(
            f"{concern}/assignment", {"officer": WORKLIST_OFFICER, "assigned_on": "2026-03-02"}), None),
        ("act_on_case", "POST", "/concerns/{concern_id}/measures", post(f"{concern}/measures", {
            "measure": "talk", "on_behalf_of": "市委组织部", "taken_on": "2026-03-02",
            "content": "提醒谈话"}), None),
        ("act_on_case", "POST", "/concerns/{concern_id}/observation", post(f"{concern}/observation", {
            "deadline": "2026-06-30", "on_behalf_of": "市委组织部", "set_on": "2026-03-02"}), None),
        ("act_on_case", "POST", "/concerns/{concern_id}/observation/improvement", post(
            f"{concern}/observation/improvement",
            {"on_behalf_of": "市委组织部", "noted_on": "2026-03-02", "summary": "有所改进"}), None),
        ("act_on_case", "POST", "/concerns/{concern_id}/verification", post(f"{concern}/verification", {
            "evidence_refs": ["核查报告"], "on_behalf_of": "市委组织部", "verified_on": "2026-03-02",
            "summary": "核实"}), None),
        ("act_on_case", "POST", f"{ft}/acceptance",
         post(f"{application}/acceptance", {"on_behalf_of": "市委组织部", "on": "2026-02-13"}), None),
        ("act_on_case", "POST", f"{ft}/investigation-report",
         post(f"{application}/investigation-report", {**by, "summary": "调查报告"}), None),
        ("act_on_case", "POST", f"{ft}/hearing",
         post(f"{application}/hearing", {**by, "summary": "听证"}), None),
        ("act_on_case", "POST", f"{ft}/deferral",
         post(f"{application}/deferral", {**by, "reason": "待补充材料"}), None),
        ("act_on_case", "POST", f"{ft}/feedback", post(f"{application}/feedback", by), None),
        ("act_on_case", "POST", f"{ft}/filing", post(f"{application}/filing", {**by, "filed_with": ["市委"]}),
         None),
        ("act_on_case", "POST", "/reform-filings", post("/reform-filings", filing_body()), None),
        ("read_case", "GET", "/fault-tolerance/corrections/{order_id}", get(order), None),
        ("act_on_case", "POST", orders, post(orders, correction_body()), None),
        ("act_on_case", "POST", "/fault-tolerance/corrections/{order_id}/notice", post(f"{order}/notice", {
            "on_behalf_of": "市纪委监委", "sent_on": "2026-03-04", "requirements": "限期整改"}), None),
        ("act_on_case", "POST", "/fault-tolerance/corrections/{order_id}/rectification", post(
            f"{order}/rectification", {"on_behalf_of": "住建局", "reported_on": "2026-04-01",
                                       "summary": "已整改"}), None),
        ("act_on_case", "POST", "/reform-filings/{filing_id}/reviews", post(f"{filing}/reviews", {
            "stage": "collective_review", "reviewer": "市纪委监委", "approved": True, "on": "2026-02-06",
            "opinion": "同意"}), None),
        ("act_on_case", "POST", "/reform-filings/{filing_id}/results", post(f"{filing}/results", {
            "on_behalf_of": "住建局", "on": "2026-12-01", "summary": "成效", "problem_solved": True,
            "harm_occurred": False}), None),

        ("decide", "POST", "/concerns/{concern_id}/determination", post(f"{concern}/determination", {
            "outcome": "not_substantiated", "on_behalf_of": "市委", "determined_on": "2026-03-02"}), None),
        ("decide", "POST", "/concerns/{concern_id}/determination/withdrawal", post(
            f"{concern}/determination/withdrawal",
            {"reason": "认定引用错误", "on_behalf_of": "市委", "withdrawn_on": "2026-03-03"}), None),
        ("decide", "POST", f"{ft}/determination", post(f"{application}/determination", {
            "on": "2026-03-20", "outcome": "granted", "reasons": "符合容错情形"}), None),
        ("decide", "POST", f"{ft}/revocation", post(f"{application}/revocation", {
            "on_behalf_of": "市委", "on": "2026-04-10", "reason": "复核", "fraudulent": False}), None),

        ("lodge", "POST", FT, post(FT, application_body()), None),
    ]
    return [Probe(family, f"{method} {path}", call, shows) for family, method, path, call, shows in rows]
