"""Fault tolerance over HTTP on real NATS and PostgreSQL, with real 2026 dates.

Spring Festival 2026 is 15–23 February with make-up Saturdays 14 and 28 February; National Day
2026 is 1–7 October with make-up Saturday 10 October (State Council schedule, chinese-calendar).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from shared.clock import AdjustableClock
from shared.settings import ServiceSettings
from tests.access import headers_for
from tests.identification.integration.conftest import service_client
from tests.identification.integration.published import published

UNIT = "org:zone"  # manages the cadre and, as the committee above it, reviews u-zone's filings
CADRE = {"cadre_id": "c-ft", "name": "孙明", "unit_id": "u-zone", "post": "招商局局长", "rank": "正科级"}
BASE = "/fault-tolerance/applications"
# u-zone is not in the demo organisation tree, so no committee above it is known: the unit's own
# officer files its reform and records the reviews.
FILING_UNIT = headers_for("case_officer", "u-zone")


def apply(client: TestClient, matter_ref: str, cadre: dict[str, str] = CADRE) -> str:
    response = client.post(BASE, json={
        "cadre": cadre, "managing_unit": UNIT, "matter_ref": matter_ref,
        "grounds": "WY-FT 7: 招商引资中因不可预知因素造成损失",
        # The Wangyi pack's item: its fault-tolerance clocks (WY-FT 8) apply.
        "citation": {"pack_id": "WY-2019", "article": "art. 12(1)"},
        "accountability_started_on": "2026-01-20", "applied_on": "2026-02-10",
    })
    assert response.status_code == 201, response.text
    return str(response.json()["application_id"])


def step(client: TestClient, application_id: str, name: str, on: str, **body: Any) -> dict[str, Any]:
    response = client.post(f"{BASE}/{application_id}/{name}", json={"on_behalf_of": "区纪工委", "on": on,
                                                                          **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def signal(client: TestClient, signal_id: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/signals", json={
        "signal_id": signal_id, "channel": "daily_understanding", "reporter": "干部监督科",
        "cadre": CADRE, "managing_unit": UNIT,
        "citation": {"pack_id": "IM-2022", "article": "art. 6(10)"},
        "summary": "决策失误造成损失", "reported_at": "2026-03-01T09:00:00+08:00", **extra,
    })
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def determine(client: TestClient, concern_id: str, matter_ref: str) -> Any:
    return client.post(f"/concerns/{concern_id}/determination", json={
        "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(10)"}],
        "evidence_refs": ["audit-2026-7"], "on_behalf_of": "区委组织部", "determined_on": "2026-05-06",
        "matter_ref": matter_ref,
    })


def test_clocks_run_on_working_days_across_spring_festival_and_national_day(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        spring = apply(client, "matter-spring")
        # Accepted the day before Spring Festival: 15 working days skip 15–23 Feb and count
        # make-up Saturdays 14 and 28 Feb (weekdays alone would give 6 March).
        accepted = step(client, spring, "acceptance", "2026-02-13")
        assert accepted["clocks"]["investigation_report"]["due_on"] == "2026-03-12"
        assert accepted["clocks"]["investigation_report"]["citation"] == "WY-FT 8(2)"
        reported = step(client, spring, "investigation-report", "2026-03-12", summary="报告")
        assert reported["clocks"]["investigation_report"]["met_on"] == "2026-03-12"
        assert reported["clocks"]["determination"]["due_on"] == "2026-04-24"  # 30 WD, Qingming off
        assert reported["refusal_reply_due"] == "2026-03-23"  # 10 calendar days, 3/22 is a Sunday
        national = apply(client, "matter-national")
        step(client, national, "acceptance", "2026-09-10")
        step(client, national, "investigation-report", "2026-09-15", summary="报告")
        decided = step(client, national, "determination", "2026-09-30", outcome="granted",
                       reasons="符合三个区分开来")
        # Three working days after 30 Sep: 1–7 Oct are off, 8 and 9 Oct count, then make-up
        # Saturday 10 Oct.
        assert decided["clocks"]["feedback"]["due_on"] == "2026-10-10"
        assert decided["clocks"]["determination"]["met_on"] == "2026-09-30"


def test_a_missed_clock_is_published_and_the_next_one_is_on_the_worklist(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    # The scans read runtime.clock: put "today" just after National Day 2026.
    runtime.clock = AdjustableClock(
        datetime(2026, 10, 26, 4, tzinfo=UTC) - datetime.now(tz=UTC))
    with client:
        late = apply(client, "matter-late")
        accepted = step(client, late, "acceptance", "2026-09-24")
        due = accepted["clocks"]["investigation_report"]["due_on"]
        # 25-27 Sep (Mid-Autumn) and 1-7 Oct are off; make-up Saturday 10 Oct counts.
        assert due == "2026-10-22"

        missed = published(settings.nats_url, "cadre.identification.fault_tolerance_clock_missed.v1")
        data = missed[0]["data"]
        assert data == {"application_id": late, "clock": "investigation_report",
                        "due_on": "2026-10-22", "citation": "WY-FT 8(2)"}
        assert client.get(f"{BASE}/{late}").json()["clocks"]["investigation_report"]["missed"]
        # Worklist: the officer who accepted sees the determination clock once reported.
        step(client, late, "investigation-report", "2026-10-26", summary="迟交的报告")
        items = client.get(f"/worklists/case_officer:{UNIT}").json()["items"]
        assert [(i["task"], i["working_days_left"]) for i in items] == [("determination", 30)]


def test_a_grant_blocks_determination_until_revoked_for_fraud(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = signal(client, "s-matter-1", matter_ref="matter-1")["concern_id"]
        application = apply(client, "matter-1")
        step(client, application, "acceptance", "2026-02-13")
        step(client, application, "investigation-report", "2026-03-02", summary="报告")
        step(client, application, "determination", "2026-03-20", outcome="granted", reasons="容错")
        step(client, application, "feedback", "2026-03-23")
        filed = step(client, application, "filing", "2026-03-24",
                     filed_with=["区委", "市纪委监委", "市委组织部"])
        assert [s["step"] for s in filed["steps"]][-3:] == ["granted", "feedback", "filed"]

        blocked = determine(client, concern_id, "matter-1")
        assert blocked.status_code == 409
        assert blocked.json()["code"] == "ToleranceBlocksDeterminationError"
        assert "matter-1" in blocked.json()["detail"]
        assert client.get(f"/concerns/{concern_id}").json()["status"] == "open"  # nothing written

        step(client, application, "revocation", "2026-04-10", reason="申请材料弄虚作假",
             fraudulent=True)
        concern = client.get(f"/concerns/{concern_id}").json()
        assert len(concern["signal_ids"]) == 2  # accountability re-opened on the same concern
        assert determine(client, concern_id, "matter-1").status_code == 200


def test_a_date_beyond_the_official_calendar_is_refused_and_nothing_is_written(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        application = apply(client, "matter-future")
        response = client.post(f"{BASE}/{application}/acceptance", json={"on": "2031-03-02"})
        assert response.status_code == 422
        assert response.json()["code"] == "CalendarNotCoveredError"
        assert "2031" in response.json()["detail"]
        assert client.get(f"{BASE}/{application}").json()["status"] == "applied"
        out_of_order = client.post(f"{BASE}/{application}/feedback", json={"on": "2026-03-02"})
        assert out_of_order.status_code == 409


def test_petitions_about_a_registered_reform_are_deferred(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        filing = client.post("/reform-filings", json={
            "unit_id": "u-zone", "pack_id": "LG-2020", "title": "容缺受理试点", "plan": "方案见附件",
            "unit_discussion": "2026-02-02 党组会", "leader_agreed_by": "分管副主任",
            "on_behalf_of": "招商局", "filed_on": "2026-02-03"}, headers=FILING_UNIT).json()
        filing_id = filing["filing_id"]
        wrong = client.post(f"/reform-filings/{filing_id}/reviews", json={
            "stage": "approval", "reviewer": "党工委书记", "approved": True, "on": "2026-02-05",
            "opinion": "同意"}, headers=FILING_UNIT)
        assert wrong.status_code == 409  # the collective review comes first
        before = signal(client, "petition-early", reform_ref=filing_id)
        assert before["deferred_by"] is None and before["concern_id"]  # not yet registered
        for stage, reviewer in (("collective_review", "纪工委会同职能部门"), ("approval", "党工委书记")):
            response = client.post(f"/reform-filings/{filing_id}/reviews", json={
                "stage": stage, "reviewer": reviewer, "approved": True, "on": "2026-02-06",
                "opinion": "同意"}, headers=FILING_UNIT)
            assert response.status_code == 200, response.text
        assert response.json()["status"] == "registered"
        deferred = signal(client, "petition-late", reform_ref=filing_id)
        assert deferred["deferred_by"] == filing_id and deferred["concern_id"] is None
        assert client.get(f"/reform-filings/{filing_id}", headers=FILING_UNIT).json()["deferred_signals"] == [
            deferred["signal_id"]]
        concern = client.get(f"/concerns/{before['concern_id']}").json()
        assert len(concern["signal_ids"]) == 1  # the deferred petition joined nothing
