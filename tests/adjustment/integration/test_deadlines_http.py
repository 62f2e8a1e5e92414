"""Deadlines on the injectable clock: salary formalities within one month (IM 21) and over-quota
placements absorbed within their deadline (IM 25), each miss published once."""

from __future__ import annotations

import time
from datetime import timedelta

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

SCAN_SETTLE = 1.0  # five scan intervals: long enough for a wrong second flag to show up


def test_missed_salary_formalities_are_flagged_once(service: Service) -> None:
    today = service.clock.today()
    effective_on = (today - timedelta(days=5)).isoformat()
    missed, done, backdated = (service.open_case() for _ in range(3))
    for case_id in (missed, done):
        advance(service.client, case_id, ["propose", "decide", "talk"])
        assert post_step(service.client, case_id, "formalities", effective_on=effective_on).status_code == 200
    on_time = service.client.post(f"/cases/{done}/salary-formalities", json={
        "completed_on": today.isoformat(), "on_behalf_of": "人事科"})
    assert on_time.status_code == 200 and on_time.json()["salary_formalities"]["late"] is False
    advance(service.client, backdated, ["propose", "decide", "talk"])
    # Entered two months after it took effect (still after the talk: IM 15).
    late = post_step(service.client, backdated, "formalities",
                     effective_on=(today - timedelta(days=60)).isoformat())
    assert late.json()["formalities"]["salary_formalities_late_at_recording"] is True

    time.sleep(SCAN_SETTLE)
    assert service.published("FormalitiesOverdue") == []  # the month has not run out yet

    service.client.post("/clock/advance", json={"days": 40}).raise_for_status()
    [overdue] = service.wait_published("FormalitiesOverdue", missed)
    due_on = service.client.get(f"/cases/{missed}").json()["formalities"]["salary_formalities_due_on"]
    assert overdue["due_on"] == due_on
    assert overdue["detected_on"] == service.clock.today().isoformat()

    time.sleep(SCAN_SETTLE)
    assert [e["case_id"] for e in service.published("FormalitiesOverdue")] == [missed]
    assert service.client.get(f"/cases/{missed}").json()["formalities_overdue_on"] == overdue["detected_on"]


def test_over_quota_placement_needs_both_approvals_and_its_absorption_is_tracked(
    service: Service,
) -> None:
    unit, rank = "unit:housing", "一级调研员"
    ledger = service.client.put(f"/quotas/{unit}/{rank}", json={
        "quota": 1, "occupied": 1, "on_behalf_of": "编办", "set_on": "2026-01-01"})
    assert ledger.status_code == 200
    first, second = service.open_case(), service.open_case()
    for case_id in (first, second):
        advance(service.client, case_id, [])
        assert post_step(service.client, case_id, "propose", destination_unit_id=unit,
                         new_rank=rank).status_code == 200
        advance(service.client, case_id, ["decide", "talk"])
    effective_on = service.clock.today().isoformat()

    refused = post_step(service.client, first, "formalities", effective_on=effective_on)
    assert refused.status_code == 409 and refused.json()["code"] == "QuotaExceededError"
    assert "IM 25" in refused.json()["detail"]
    assert service.client.get(f"/cases/{first}").json()["next_step"] == "formalities"
    assert service.client.get(f"/quotas/{unit}/{rank}").json()["occupied"] == 1

    approval = {"org_dept_approval": "组干〔2026〕5号", "staffing_approval": "编办〔2026〕9号"}
    for case_id in (first, second):
        placed = post_step(service.client, case_id, "formalities", effective_on=effective_on,
                           over_quota_approval=approval)
        assert placed.status_code == 200, placed.text
    [placement] = service.wait_published("OverQuotaPlacement", first)
    assert placement["absorb_by"] == service.clock.today().replace(
        year=service.clock.today().year + 1).isoformat()  # IM 25: usually within one year
    assert placement["org_dept_approval"] == "组干〔2026〕5号"

    # A post falls vacant: the oldest excess (the first case) is absorbed.
    released = service.client.post(f"/quotas/{unit}/{rank}/releases", json={
        "released_on": effective_on, "on_behalf_of": "编办", "reason": "退休"})
    assert released.json()["over_quota"][first]["absorbed_on"] == effective_on

    service.client.post("/clock/advance", json={"days": 400}).raise_for_status()
    [overdue] = service.wait_published("QuotaAbsorptionOverdue", second)
    assert overdue["unit_id"] == unit and overdue["rank"] == rank
    time.sleep(SCAN_SETTLE)
    assert [e["case_id"] for e in service.published("QuotaAbsorptionOverdue")] == [second]
