"""A fault-tolerance case opened on 2 December 2026 whose 30-working-day clock reaches 2027,
which chinese-calendar does not know: refused with the missing year named in Chinese and
English (the worklist says "calendar missing"), then run to completion once an operator loads
a 2027 schedule through the admin API, its holidays and make-up day moving the due dates.

The schedule is `tests/fixtures/working_days_2027.json` (test data: New Year 1-3 January, Spring
Festival 8-14 February, make-up Saturday 6 February), not the real 2027 notice.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from shared.clock import AdjustableClock
from shared.settings import ServiceSettings
from tests.access import headers_for
from tests.identification.integration.conftest import service_client
from tests.identification.integration.test_fault_tolerance_over_http import BASE, CADRE, UNIT, apply

SCHEDULE = Path(__file__).parents[2] / "fixtures" / "working_days_2027.json"
# Steps are recorded by the signed-in case officer; the district commission is who they act for.
OFFICER = f"case_officer:{UNIT}"


def post(client: TestClient, path: str, **body: Any) -> dict[str, Any]:
    response = client.post(path, json={"on_behalf_of": "区纪工委", **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def advance_to(clock: AdjustableClock, day: str) -> None:
    """Move the service's clock (the one its routes and scans read) to `day`."""
    clock.advance(date.fromisoformat(day) - clock.today())


def worklist(client: TestClient) -> dict[str, dict[str, Any]]:
    return {i["task"]: i for i in client.get(f"/worklists/{OFFICER}").json()["items"]}


def test_a_case_opened_today_waits_for_the_2027_schedule_then_runs_to_completion(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    # "Today" is 2 December 2026 for the routes, the scans and the application alike.
    clock = AdjustableClock(datetime(2026, 12, 2, 1, tzinfo=UTC) - datetime.now(tz=UTC))
    runtime.clock = runtime.app.clock = clock  # type: ignore[attr-defined]
    with client:
        case = apply(client, "matter-2027")
        accepted = post(client, f"{BASE}/{case}/acceptance", on="2026-12-02")
        assert accepted["clocks"]["investigation_report"]["due_on"] == "2026-12-23"  # all in 2026
        concern = client.post("/signals", json={
            "signal_id": "s-2027", "channel": "daily_understanding", "reporter": "干部监督科",
            "cadre": {**CADRE, "cadre_id": "c-2027"}, "managing_unit": UNIT,
            "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"}, "summary": "工作拖延",
            "reported_at": "2026-12-01T09:00:00+08:00"}).json()["concern_id"]
        client.post(f"/concerns/{concern}/assignment",
                    json={"officer": OFFICER, "assigned_on": "2026-12-02"}).raise_for_status()
        client.post(f"/concerns/{concern}/observation", json={
            "deadline": "2027-01-15", "on_behalf_of": "组织部", "set_on": "2026-12-02"}).raise_for_status()

        # Before the schedule: the report's 30-working-day clock reaches 2027.
        advance_to(clock, "2026-12-23")
        refused = client.post(f"{BASE}/{case}/investigation-report",
                              json={"on_behalf_of": "区纪工委", "on": "2026-12-23", "summary": "报告"})
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["code"] == "CalendarNotCoveredError" and problem["field"] == "calendar"
        assert "2027" in problem["message_zh"] and "2027" in problem["message_en"]
        assert "cadre calendar upload" in problem["message_en"]
        assert client.get(f"{BASE}/{case}").json()["status"] == "accepted"  # nothing written
        missing = worklist(client)["observation_ends"]
        assert missing["countdown"] == "calendar missing" and missing["calendar_missing_year"] == 2027
        assert missing["working_days_left"] is None and "2027" in missing["calendar_note"]["zh"]

        # The operator validates, uploads and activates the year's schedule.
        admin = headers_for("administrator", UNIT)
        document = json.loads(SCHEDULE.read_text(encoding="utf-8"))
        checked = client.post("/reference/calendars/validation", json=document, headers=admin)
        assert checked.json() == {"valid": True, "year": 2027, "holidays": 10, "workdays": 1,
                                  "source": document["source"]}
        officer_upload = client.post("/reference/calendars", json=document,
                                     headers=headers_for("case_officer", UNIT))
        assert officer_upload.status_code == 403
        uploaded = client.post("/reference/calendars", json=document, headers=admin)
        assert uploaded.status_code == 201 and uploaded.json()["key"] == "2027 v1"
        activated = client.post("/reference/calendars/2027/versions/1/activation",
                                json={"effective_from": "2026-12-23"}, headers=admin)
        assert activated.status_code == 200, activated.text
        assert 2027 in client.get("/reference/calendars").json()["covered_years"]

        # 30 working days from 23 December: New Year's Day off, so 4 February (weekdays alone
        # would give 3 February).
        reported = post(client, f"{BASE}/{case}/investigation-report", on="2026-12-23", summary="报告")
        assert reported["clocks"]["determination"]["due_on"] == "2027-02-04"
        counted = worklist(client)["observation_ends"]
        assert counted["countdown"] != "calendar missing" and counted["working_days_left"] == 16

        advance_to(clock, "2027-02-04")
        decided = post(client, f"{BASE}/{case}/determination", on="2027-02-04", outcome="granted",
                       reasons="容错")
        # 3 working days from 4 February: 5 February, make-up Saturday 6 February, then the
        # festival (8-14 February) until 15 February (weekdays alone: 9 February).
        assert decided["clocks"]["feedback"]["due_on"] == "2027-02-15"
        advance_to(clock, "2027-02-15")
        post(client, f"{BASE}/{case}/feedback", on="2027-02-15")
        filed = post(client, f"{BASE}/{case}/filing", on="2027-02-15",
                     filed_with=["区委", "市纪委监委", "市委组织部"])
        assert [s["step"] for s in filed["steps"]][-3:] == ["granted", "feedback", "filed"]
        assert not any(c.get("missed") for c in filed["clocks"].values())
