"""A WY-2019 plan over HTTP on real NATS and PostgreSQL: missed items flagged, the promotion check
around the period's end, an appeal correction shortening the plan, and the decision after eligibility."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from services.followup.api import router
from services.followup.bootstrap import bootstrap
from shared.calendar.periods import period_end
from shared.contract import events as contract
from shared.contract.adjustment_events import AppealDecided, AppealLodged
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import acting, headers_for
from tests.followup.integration.inbound import (
    CADRE,
    MANAGED_BY,
    executed,
    publish,
    read_envelopes,
    read_followup,
)
from tests.helpers import eventually


def stream(settings: ServiceSettings, event: str) -> list[dict[str, Any]]:
    return asyncio.run(read_followup(settings.nats_url, event))


def wait(probe: Any) -> Any:
    async def check() -> Any:
        return await asyncio.to_thread(probe)

    return asyncio.run(eventually(check))


def test_a_wy_plan_from_execution_through_correction_to_decision(settings: ServiceSettings) -> None:
    runtime = bootstrap(settings)
    today = runtime.clock.today()
    effective_on = today - timedelta(days=200)  # two talks (90, 180 days) and one re-check are past
    demotion_ends = period_end(effective_on, years=2)  # WY 16: demotion, two years

    # Officers of the managing district record; its committee's secretary records the decision.
    secretary = headers_for("committee_secretary", MANAGED_BY)
    with acting(TestClient(create_api(runtime, [router], title="followup")), MANAGED_BY) as client:
        asyncio.run(publish(settings.nats_url, executed("case-wy", "WY-2019", "demotion", effective_on)))
        plan = wait(lambda: (client.get("/plans", params={"cadre_id": CADRE.cadre_id}).json() or [None])[0])
        assert plan["impact_period_ends_on"] == demotion_ends.isoformat()
        plan_url = f"/plans/{plan['plan_id']}"

        missed = wait(lambda: len(stream(settings, "follow_up_item_missed")) == 3
                      and stream(settings, "follow_up_item_missed"))
        assert sorted(m["kind"] for m in missed) == ["care_talk", "care_talk", "recheck"]

        def check(on: Any) -> dict[str, Any]:
            answer: dict[str, Any] = client.get("/promotion-check", params={
                "cadre_id": CADRE.cadre_id, "on": on.isoformat()}).json()
            return answer

        assert check(demotion_ends - timedelta(days=1))["allowed"] is False
        assert check(demotion_ends)["allowed"] is False
        assert check(demotion_ends + timedelta(days=1))["allowed"] is True

        talk = {"kind": "care_talk", "by": "镇党委书记 刘强", "on": today.isoformat(), "note": "谈心"}
        assert client.post(f"{plan_url}/items", json=talk).status_code == 200
        bad = client.post(f"{plan_url}/items", json={**talk, "kind": "assessment", "grade": "good"})
        assert bad.status_code == 409 and bad.json()["code"] == "UnknownGradeError"
        problem = {"problem": "未按要求参加培训", "on_behalf_of": "区委组织部",
                   "reported_on": today.isoformat()}
        assert client.post(f"{plan_url}/problems", json=problem).status_code == 200
        reported = wait(lambda: stream(settings, "follow_up_problem_reported"))
        assert reported[0]["citation"] == "WY 17"  # the pack's follow-up problem citation
        # Recorded in the name of the officer whose token sent it, the district's organ beside them;
        # a body naming someone else as the reporter is refused and records nothing.
        [envelope] = asyncio.run(read_envelopes(settings.nats_url, "follow_up_problem_reported"))
        assert envelope["actor"] == {"id": f"case_officer:{MANAGED_BY}", "name": None, "role": "case_officer",
                                     "unit": MANAGED_BY, "on_behalf_of": "区委组织部"}
        assert reported[0]["reported_by"] == envelope["actor"]["id"]
        misnamed = client.post(f"{plan_url}/problems", json={**problem, "reported_by": "区委组织部 王五"})
        assert misnamed.status_code == 422 and misnamed.json()["field"] == "reported_by"

        # An appeal is lodged (execution is not suspended, IM 22) and then modifies the demotion.
        asyncio.run(publish(settings.nats_url, AppealLodged(
            appeal_id="ap-1", case_id="case-wy", kind="appeal", lodged_on=today, grounds="处理过重")))
        wait(lambda: not check(demotion_ends + timedelta(days=1))["allowed"])
        asyncio.run(publish(settings.nats_url, contract.AdjustmentCorrected(
            case_id="case-wy", cadre_id=CADRE.cadre_id, appeal_id="ap-1", outcome="modified",
            reason="申诉：降职改为免职", new_method="removal", effective_on=today)))
        asyncio.run(publish(settings.nats_url, AppealDecided(
            appeal_id="ap-1", case_id="case-wy", outcome="modified", decided_on=today,
            reason="降职改为免职")))
        removal_ends = period_end(effective_on, years=1)
        corrected = wait(lambda: stream(settings, "follow_up_plan_corrected"))
        assert corrected[0]["impact_period_ends_on"] == removal_ends.isoformat()
        assert corrected[0]["ended"] is False
        wait(lambda: check(removal_ends + timedelta(days=1))["allowed"])
        assert check(removal_ends)["allowed"] is False

        client.post("/clock/advance", json={"days": 200},
                    headers=headers_for("administrator", "org:central")).raise_for_status()
        wait(lambda: stream(settings, "reinstatement_eligible"))
        decision = {"decision": "reinstated", "on_behalf_of": "区委常委会",
                    "decided_on": (today + timedelta(days=200)).isoformat(),
                    "new_post": {"post": "区住建局副局长", "unit_id": "unit:wy-housing", "rank": "副处级",
                                 "level": "县处级副职"}}
        refused = client.post(f"{plan_url}/reinstatement-decision", json=decision, headers=secretary)
        assert refused.json()["code"] == "UpperConsultationMissingError"  # WY 16
        client.post(f"{plan_url}/upper-consultation", json={
            "department": "市委组织部", "consulted_on": decision["decided_on"], "opinion": "同意",
            "on_behalf_of": "区委组织部"}).raise_for_status()
        client.post(f"{plan_url}/items", json={
            "kind": "assessment", "by": "区委组织部", "on": decision["decided_on"], "note": "考察",
            "grade": "competent"}).raise_for_status()
        client.post(f"{plan_url}/reinstatement-decision", json=decision, headers=secretary).raise_for_status()
        decided = wait(lambda: stream(settings, "reinstatement_decided"))
        assert decided == [{"plan_id": plan["plan_id"], "decision": "reinstated",
                            "decided_on": decision["decided_on"], "upper_consulted": True,
                            "new_post": decision["new_post"]}]
