"""Path 8 across four separate processes: signal → concern → determination → five steps →
follow-up → reinstatement eligibility, with the audit record holding every event in order and
one trace running through all of it. And, on the same running services, access over real HTTP:
no token, no entry; another unit's officer is refused; the refusal reaches the supervisor's
access log."""

from __future__ import annotations

import os
from typing import Any

import httpx

from shared.access.dev_issuer import DevIssuer
from shared.access.principal import Principal
from shared.access.tokens import new_signing_key
from shared.contract import events as contract
from shared.runner import principals
from shared.runner.scenario import wait_for
from shared.runner.stack import SERVICES, Stack
from tests.e2e.conftest import scenario_on

EXPECTED_ORDER = [
    ("discipline", "CircumstanceReported"),
    ("identification", "ConcernOpened"),
    ("identification", "UnsuitabilityDetermined"),
    ("identification", "ConcernClosed"),
    ("adjustment", "AdjustmentStepRecorded"),  # verify and determine
    ("adjustment", "AdjustmentStepRecorded"),  # propose
    ("adjustment", "AdjustmentStepRecorded"),  # decide
    ("adjustment", "AdjustmentDecided"),  # v1, and v2 beside it for the deprecation window
    ("adjustment", "AdjustmentDecided"),
    ("adjustment", "AdjustmentStepRecorded"),  # talk
    ("adjustment", "AdjustmentStepRecorded"),  # formalities
    ("adjustment", "AdjustmentExecuted"),
    ("followup", "FollowUpOpened"),
    ("followup", "ReinstatementEligible"),
]


def test_one_cadre_goes_down_and_becomes_eligible_to_come_back_with_one_trace(stack: Stack) -> None:
    trace_id = os.urandom(16).hex()
    scenario = scenario_on(
        stack,
        contract.CadreRef(cadre_id="cadre-e2e-path", name="陈立", unit_id="unit:e2e",
                          post="局长", rank="正处级", role="party_committee_head"),
        headers={"traceparent": f"00-{trace_id}-{os.urandom(8).hex()}-01"},
    )
    scenario.report(signal_id="e2e-path-1")
    concern_id = scenario.determine()
    case_id = scenario.run_procedure(concern_id)
    plan = wait_for("the plan", scenario.plans)[0]
    assert plan["case_id"] == case_id
    assert plan["impact_period_ends_on"] == "2027-06-01"  # removal: one year (IM-2022 pack)
    assert plan["eligible_on"] is None  # the clock has not reached the end yet

    scenario.advance_followup_clock(400)  # well past 2027-06-01 on any real date
    timeline = scenario.wait_for_timeline_type("ReinstatementEligible")

    lifecycle_types = {event_type for _, event_type in EXPECTED_ORDER}
    lifecycle = [e for e in timeline if e["type"] in lifecycle_types]
    assert [(e["source"], e["type"]) for e in lifecycle] == EXPECTED_ORDER
    # Advancing the clock 400 days without recording any care talk or re-check is itself
    # flagged (IM 29-30); those flags sit between the plan and the eligibility.
    others = {e["type"] for e in timeline} - lifecycle_types
    assert others <= {"FollowUpItemMissed"}, others
    decided = [e for e in timeline if e["type"] == "AdjustmentDecided"]
    assert sorted(e["version"] for e in decided) == [1, 2]
    v2 = next(e["data"] for e in decided if e["version"] == 2)
    assert v2["meeting"]["present"] is not None and v2["meeting_rule"]["citation"] == "CSR 30"
    steps = [e["data"]["step"] for e in timeline if e["type"] == "AdjustmentStepRecorded"]
    assert steps == ["verify_determine", "propose", "decide", "talk", "formalities"]
    executed = next(e for e in timeline if e["type"] == "AdjustmentExecuted")["data"]
    assert executed["method"] == "removal"
    assert executed["salary_formalities_due_on"] == "2026-07-01"  # IM 21: within one month
    eligible = lifecycle[-1]["data"]
    assert any("ended on 2027-06-01" in reason for reason in eligible["reasons"])
    assert {entry["trace_id"] for entry in timeline} == {trace_id}


ACCESS_CADRE = contract.CadreRef(cadre_id="cadre-e2e-access", name="刘洋", unit_id="unit:e2e",
                                 post="副局长", rank="副处级", role="party_committee_member")
# A read that needs a token at each service (any route but health does).
GUARDED = {"identification": "/concerns", "adjustment": "/cases/unknown", "followup": "/plans",
           "audit": f"/cadres/{ACCESS_CADRE.cadre_id}/timeline"}


def test_no_token_no_entry_and_a_refusal_reaches_the_supervisors_access_log(stack: Stack) -> None:
    stranger = DevIssuer(new_signing_key())  # a well-formed token from a key nobody configured
    for name in SERVICES:
        url = stack.services[name].url + GUARDED[name]
        bare = httpx.get(url, timeout=5)
        assert bare.status_code == 401, (name, bare.text)
        assert bare.headers["www-authenticate"] == "Bearer"
        forged = httpx.get(url, headers=stranger.headers(principals.case_officer()), timeout=5)
        assert forged.status_code == 401, (name, forged.text)

    scenario = scenario_on(stack, ACCESS_CADRE)
    scenario.report(signal_id="e2e-access-1")
    case_id = scenario.case_id(scenario.determine())
    scenario.wait_for_case(case_id)
    outsider = Principal(subject="wang.fang", role="case_officer", unit="org:hohhot-municipal")
    with scenario.http("adjustment", outsider) as client:
        refused = client.get(f"/cases/{case_id}")
    assert refused.status_code == 403, refused.text
    assert refused.json()["rule"] == "jurisdiction.managing_unit"

    with scenario.http("audit", principals.supervisor("org:inner-mongolia-region"),
                       principals.SUPERVISION_PURPOSE) as client:
        def the_refusal() -> list[dict[str, Any]]:
            response = client.get("/access-log", params={"outcome": "denied", "principal": outsider.subject})
            response.raise_for_status()
            return [e for e in response.json() if e["service"] == "adjustment"]

        refusal = wait_for("the refusal in the audit service's access log", the_refusal)[0]
    assert refusal["outcome"] == "denied" and refusal["rule"] == "jurisdiction.managing_unit"
    assert refusal["unit"] == outsider.unit and refusal["cadre_id"] == ACCESS_CADRE.cadre_id
    assert case_id in refusal["what"]
