"""Who may do what with a follow-up plan (SPEC §8), on a running service with real NATS and
PostgreSQL: every route against the hand-written matrix, inside and outside the jurisdiction of
the authority the executed adjustment named. Refusals are recorded and published; a plan whose
authority is not known is nobody's jurisdiction; lists are filtered, never refused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from services.followup.api import router
from services.followup.bootstrap import bootstrap
from services.followup.domain.plan import FollowUpPlan
from shared.contract import events as contract
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import (
    CADRE_ID,
    CADRE_UNIT,
    MANAGING,
    OTHER_CADRE,
    OTHER_UNIT,
    PURPOSE,
    Probe,
    headers_for,
    run_matrix,
)
from tests.followup.integration.inbound import executed, publish, read_followup
from tests.helpers import eventually

MATRIX_CADRE = contract.CadreRef(cadre_id=CADRE_ID, name="王强", unit_id=CADRE_UNIT, post="住建局局长",
                                 rank="正处级", role="subordinate_body_head")
OFFICER = headers_for("case_officer", MANAGING)
SECRETARY = headers_for("committee_secretary", MANAGING)
REGION, ELSEWHERE = "org:inner-mongolia-region", "org:lingang-zone"


def wait(probe: Any) -> Any:
    async def check() -> Any:
        return await asyncio.to_thread(probe)

    return asyncio.run(eventually(check))


@contextmanager
def running(settings: ServiceSettings) -> Iterator[tuple[TestClient, date]]:
    runtime = bootstrap(settings)
    with TestClient(create_api(runtime, [router], title="followup")) as client:
        yield client, runtime.clock.today()


def open_plan(settings: ServiceSettings, client: TestClient, case_id: str, today: date, *,
              cadre: contract.CadreRef = MATRIX_CADRE, managing_unit: str | None = MANAGING,
              co_managing_unit: str | None = None) -> str:
    """Publish the executed adjustment as the adjustment service would; wait for its plan."""
    payload = executed(case_id, "IM-2022", "removal", today - timedelta(days=30), cadre=cadre,
                       managing_unit=managing_unit, co_managing_unit=co_managing_unit)
    asyncio.run(publish(settings.nats_url, payload, cadre_id=cadre.cadre_id))
    plan_id = str(FollowUpPlan.create_id(case_id))
    # 404 until the plan is opened; then 200, or 403 when it is nobody's jurisdiction.
    wait(lambda: client.get(f"/plans/{plan_id}", headers=OFFICER).status_code != 404)
    return plan_id


def probes(client: TestClient, plan_id: str, today: date) -> list[Probe]:
    plan, on = f"/plans/{plan_id}", today.isoformat()

    def post(path: str, body: dict[str, Any]) -> Any:
        return lambda headers: client.post(f"{plan}{path}", json=body, headers=headers)

    return [
        Probe("read_case", "list plans",
              lambda h: client.get("/plans", params={"cadre_id": CADRE_ID}, headers=h),
              shows=lambda r: plan_id in [p["plan_id"] for p in r.json()]),
        Probe("read_case", "list plans without a cadre id",
              lambda h: client.get("/plans", headers=h),
              shows=lambda r: plan_id in [p["plan_id"] for p in r.json()]),
        Probe("read_case", "plan", lambda h: client.get(plan, headers=h)),
        Probe("read_case", "promotion check",
              lambda h: client.get("/promotion-check", params={"cadre_id": CADRE_ID, "on": on}, headers=h)),
        Probe("act_on_case", "items", post("/items", {"kind": "care_talk", "by": "局党组书记", "on": on})),
        Probe("act_on_case", "schedule", post("/schedule", {"kind": "training", "due_on": on})),
        Probe("act_on_case", "goals", post("/goals", {"goals": ["完成安置房项目"], "by": "市委组织部",
                                                      "on": on})),
        Probe("act_on_case", "problems", post("/problems", {"problem": "未按要求参加培训",
                                                            "reported_on": on})),
        Probe("act_on_case", "upper consultation", post("/upper-consultation", {
            "department": "自治区党委组织部", "consulted_on": on, "opinion": "同意",
            "on_behalf_of": "市委组织部"})),
        Probe("lodge", "own request", post("/own-request", {"reason": "health", "on_behalf_of": "本人",
                                                            "on": on})),
        Probe("decide", "reinstatement decision", post("/reinstatement-decision", {
            "decision": "declined", "on_behalf_of": "市委常委会", "decided_on": on})),
        Probe("decide", "own request resolved", post("/own-request/resolution", {"on_behalf_of": "市委常委会",
                                                                                 "on": on})),
        # Ends the plan: later allowed callers meet a 409 about its state, past the gate.
        Probe("decide", "early retirement", post("/early-retirement", {
            "on": on, "personal_reasons": True, "on_behalf_of": "市委常委会"})),
        Probe("read_reference", "clock", lambda h: client.get("/clock", headers=h)),
        Probe("configure", "clock advance", lambda h: client.post("/clock/advance", json={"days": 0},
                                                                  headers=h)),
    ]


def access_records(settings: ServiceSettings) -> list[dict[str, Any]]:
    return asyncio.run(read_followup(settings.nats_url, "access_recorded"))


def test_every_followup_route_answers_as_the_access_matrix_says(settings: ServiceSettings) -> None:
    with running(settings) as (client, today):
        plan_id = open_plan(settings, client, "case-matrix", today)
        plan = client.get(f"/plans/{plan_id}", headers=OFFICER).json()
        assert plan["authority"] == {"managing_unit": MANAGING, "co_managing_unit": None,
                                     "cadre_unit": CADRE_UNIT}

        assert run_matrix(probes(client, plan_id, today)) == []

        # Refused callers changed nothing: one care talk (the officer inside), one retirement.
        plan = client.get(f"/plans/{plan_id}", headers=OFFICER).json()
        assert [r["by"] for r in plan["records"] if r["kind"] == "care_talk"] == ["局党组书记"]
        # Recorded in the name of the secretary who sent it, not the committee the body named.
        assert plan["retirement"]["by"].startswith("committee_secretary")
        assert plan["end_reason"].startswith("early retirement")

        def recorded(**match: Any) -> list[dict[str, Any]]:
            return [r for r in access_records(settings) if match.items() <= r.items()]

        [denial] = wait(lambda: recorded(role="case_officer", unit=OTHER_UNIT, action="act_on_case",
                                         what=f"POST /plans/{plan_id}/items"))
        assert denial["outcome"] == "denied" and denial["rule"] == "jurisdiction.managing_unit"
        assert denial["service"] == "followup" and denial["cadre_id"] == CADRE_ID
        [other_cadre] = wait(lambda: recorded(principal=OTHER_CADRE, what=f"GET /plans/{plan_id}"))
        assert (other_cadre["outcome"], other_cadre["rule"]) == ("denied", "cadre.own_case")
        [supervisor_read] = wait(lambda: recorded(role="supervisor", unit=REGION,
                                                  what=f"GET /plans/{plan_id}"))
        assert supervisor_read["outcome"] == "allowed" and supervisor_read["stated_purpose"] == PURPOSE


def test_a_plan_whose_authority_is_unknown_is_refused_and_left_out_of_lists(
    settings: ServiceSettings,
) -> None:
    with running(settings) as (client, today):
        known = open_plan(settings, client, "case-known", today)
        unknown = open_plan(settings, client, "case-unknown", today, managing_unit=None)

        item = {"kind": "care_talk", "by": "局党组书记", "on": today.isoformat()}
        decision = {"decision": "declined", "on_behalf_of": "市委常委会", "decided_on": today.isoformat()}
        for refused in (client.get(f"/plans/{unknown}", headers=OFFICER),
                        client.post(f"/plans/{unknown}/items", json=item, headers=OFFICER),
                        client.post(f"/plans/{unknown}/reinstatement-decision", json=decision,
                                    headers=SECRETARY)):
            assert refused.status_code == 403, refused.text
            assert refused.json()["rule"] == "jurisdiction.unknown"
        assert client.post(f"/plans/{known}/items", json=item, headers=OFFICER).status_code == 200

        def listed(headers: dict[str, str]) -> list[str]:
            answer = client.get("/plans", params={"cadre_id": CADRE_ID}, headers=headers)
            assert answer.status_code == 200, answer.text
            return [p["plan_id"] for p in answer.json()]

        assert listed(OFFICER) == [known]
        assert listed(headers_for("case_officer", OTHER_UNIT)) == []
        assert listed(headers_for("supervisor", REGION)) == [known]
        assert listed(headers_for("supervisor", ELSEWHERE)) == []
        # The cadre's own plans need no known authority to be the cadre's own.
        assert sorted(listed(headers_for("cadre", CADRE_UNIT, subject=CADRE_ID))) == sorted([known, unknown])
        assert client.get(f"/plans/{unknown}", headers=headers_for(
            "cadre", CADRE_UNIT, subject=CADRE_ID)).status_code == 200
        assert listed(headers_for("cadre", CADRE_UNIT, subject=OTHER_CADRE)) == []
        no_purpose = {k: v for k, v in headers_for("supervisor", REGION).items() if k != "X-Cadre-Reason"}
        unstated = client.get("/plans", params={"cadre_id": CADRE_ID}, headers=no_purpose)
        assert unstated.status_code == 400 and unstated.json()["code"] == "PurposeRequired"

        refusals = wait(lambda: [r for r in access_records(settings) if r["what"] == f"GET /plans/{unknown}"])
        assert {(r["outcome"], r["rule"], r["cadre_id"]) for r in refusals} == {
            ("denied", "jurisdiction.unknown", CADRE_ID)}


def test_the_co_managing_unit_acts_too_and_the_promotion_check_follows_the_plans(
    settings: ServiceSettings,
) -> None:
    cadre = MATRIX_CADRE.model_copy(update={"cadre_id": OTHER_CADRE})
    with running(settings) as (client, today):
        plan_id = open_plan(settings, client, "case-co-managed", today, cadre=cadre,
                            co_managing_unit=OTHER_UNIT)
        item = {"kind": "care_talk", "by": "局党组书记", "on": today.isoformat()}
        co_officer = headers_for("case_officer", OTHER_UNIT)
        assert client.post(f"/plans/{plan_id}/items", json=item, headers=co_officer).status_code == 200
        stranger = headers_for("case_officer", "org:wangyi-district")
        refused = client.post(f"/plans/{plan_id}/items", json=item, headers=stranger)
        assert refused.status_code == 403 and refused.json()["rule"] == "jurisdiction.managing_unit"

        def check(headers: dict[str, str], cadre_id: str = OTHER_CADRE) -> int:
            params = {"cadre_id": cadre_id, "on": today.isoformat()}
            return client.get("/promotion-check", params=params, headers=headers).status_code

        assert check(co_officer) == check(OFFICER) == 200
        assert check(stranger) == 403
        assert check(headers_for("cadre", CADRE_UNIT, subject=OTHER_CADRE)) == 200
        # A cadre the service holds no plan for: nobody's jurisdiction, so nobody's check.
        assert check(OFFICER, cadre_id="cadre-without-plans") == 403
