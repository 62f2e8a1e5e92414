"""Path 8 across four separate processes: signal → concern → determination → five steps →
follow-up → reinstatement eligibility, with the audit record holding every event in order and
one trace running through all of it."""

from __future__ import annotations

import os

from shared.contract import events as contract
from shared.runner.scenario import Scenario, wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import urls

EXPECTED_ORDER = [
    ("discipline", "CircumstanceReported"),
    ("identification", "ConcernOpened"),
    ("identification", "UnsuitabilityDetermined"),
    ("identification", "ConcernClosed"),
    ("adjustment", "AdjustmentStepRecorded"),  # verify and determine
    ("adjustment", "AdjustmentStepRecorded"),  # propose
    ("adjustment", "AdjustmentStepRecorded"),  # decide
    ("adjustment", "AdjustmentDecided"),
    ("adjustment", "AdjustmentStepRecorded"),  # talk
    ("adjustment", "AdjustmentStepRecorded"),  # formalities
    ("adjustment", "AdjustmentExecuted"),
    ("followup", "FollowUpOpened"),
    ("followup", "ReinstatementEligible"),
]


def test_one_cadre_goes_down_and_becomes_eligible_to_come_back_with_one_trace(stack: Stack) -> None:
    trace_id = os.urandom(16).hex()
    scenario = Scenario(
        urls=urls(stack), nats_url=stack.nats.url if stack.nats else "",
        cadre=contract.CadreRef(cadre_id="cadre-e2e-path", name="陈立", unit_id="unit:e2e",
                                post="局长", rank="正处级", role="party_committee_head"),
        headers={"traceparent": f"00-{trace_id}-{os.urandom(8).hex()}-01"},
        log=lambda line: None,
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
    steps = [e["data"]["step"] for e in timeline if e["type"] == "AdjustmentStepRecorded"]
    assert steps == ["verify_determine", "propose", "decide", "talk", "formalities"]
    executed = next(e for e in timeline if e["type"] == "AdjustmentExecuted")["data"]
    assert executed["method"] == "removal"
    assert executed["salary_formalities_due_on"] == "2026-07-01"  # IM 21: within one month
    eligible = lifecycle[-1]["data"]
    assert any("ended on 2027-06-01" in reason for reason in eligible["reasons"])
    assert {entry["trace_id"] for entry in timeline} == {trace_id}
