"""Across four processes: the audit record holds, event for event and in order, what the other
services stored and published about a cadre, including an appeal lodged between decision and
formalities (which does not pause them) and the correction its revocation produces."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

from shared.contract import events as contract
from shared.contract.envelope import STREAM_NAME
from shared.runner.principals import cadre_self
from shared.runner.scenario import wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on
from tests.helpers import read_subject

CADRE = contract.CadreRef(cadre_id="cadre-e2e-appeal", name="周敏", unit_id="unit:e2e-appeal",
                          post="副局长", rank="副处级", role="party_committee_member")


def published_about(stack: Stack, cadre_id: str) -> list[dict[str, Any]]:
    assert stack.nats is not None
    messages = asyncio.run(read_subject(stack.nats.url, STREAM_NAME, "cadre.>", limit=100_000))
    bodies = [json.loads(m.data) for m in messages]
    return [b for b in bodies if b["cadre_id"] == cadre_id]


def test_the_audit_record_matches_what_the_services_published_including_an_appeal(
    stack: Stack,
) -> None:
    scenario = scenario_on(stack, CADRE)
    scenario.report(signal_id="e2e-appeal-1")
    concern_id = scenario.determine()
    case_id = scenario.case_id(concern_id)
    steps = dict(scenario.procedure_steps(effective_on=date(2026, 6, 1)))
    steps["talk"] = {**steps["talk"], "talker_position": "upper_org_dept_leader"}
    scenario.wait_for_case(case_id)
    for step in ("proposal", "decision"):
        scenario.record_step(case_id, step, steps[step])
    with scenario.http("adjustment", cadre_self(CADRE)) as client:  # the cadre lodges it
        lodged = client.post(f"/cases/{case_id}/appeals", json={
            "kind": "appeal", "lodged_by": CADRE.name, "lodged_on": "2026-05-22",
            "grounds": "认为处理过重"})
        lodged.raise_for_status()
    # The appeal does not pause execution: the talk and the formalities go ahead (IM 22).
    for step in ("talk", "formalities"):
        scenario.record_step(case_id, step, steps[step])
    with scenario.http("adjustment", scenario.secretary()) as client:  # the committee decides it
        client.post(f"/appeals/{lodged.json()['appeal_id']}/decision", json={
            "outcome": "revoked", "decided_on": "2026-07-10", "on_behalf_of": "市委",
            "reason": "事实认定不清"}).raise_for_status()

    timeline = scenario.wait_for_timeline_type("FollowUpPlanCorrected")
    types = [e["type"] for e in timeline]
    assert types.index("AppealLodged") < types.index("AdjustmentExecuted")
    assert types.index("AdjustmentExecuted") < types.index("AdjustmentCorrected")
    corrected = next(e for e in timeline if e["type"] == "AdjustmentCorrected")["data"]
    assert corrected["outcome"] == "revoked" and corrected["restored_post"] == CADRE.post

    published = wait_for(
        "the record to hold everything published",
        lambda: (lambda p: p if len(p) == len(scenario.timeline()) else None)(
            published_about(stack, CADRE.cadre_id)),
    )
    record = scenario.timeline()
    assert [e["event_id"] for e in record] == [p["id"] for p in published]
    assert [e["data"] for e in record] == [p["data"] for p in published]
