"""Every signal on the record, across the four processes: one from a producer over NATS (sent
twice under two message ids), one reported by the case officer over HTTP, one from another
producer that joins the open concern. All three are on the cadre's record once each, tied to the
concern and the case, the case's basis names their channels and the statistics count by channel.
Every step names the authenticated person who took it; a body naming someone else is refused."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date
from typing import Any

from shared.contract import events as contract
from shared.runner import principals
from shared.runner.scenario import circumstance_report, publish_report, wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on

CADRE = contract.CadreRef(cadre_id="cadre-e2e-signals", name="周明", unit_id="unit:e2e",
                          post="局长", rank="正处级", role="party_committee_head")


def test_signals_by_every_channel_reach_the_record_once_linked_to_the_case(stack: Stack) -> None:
    scenario = scenario_on(stack, CADRE)
    scenario.report(signal_id="e2e-sig-nats")
    concern = wait_for("the concern", scenario.concerns)[0]
    scenario.report(signal_id="e2e-sig-nats", message_id="e2e-sig-nats-resent")  # a re-send
    with scenario.http("identification") as client:
        reported = client.post("/signals", json={
            "signal_id": "e2e-sig-http", "channel": "party_organisation_opinion", "reporter": "局党组",
            "cadre": CADRE.model_dump(), "managing_unit": scenario.managing_unit,
            "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"},
            "summary": "局党组反映其工作消极拖延", "reported_at": "2026-04-20T09:00:00+08:00"})
        assert reported.status_code == 201, reported.text
        assert reported.json()["concern_id"] == concern["concern_id"]  # it joined the open concern
    petition = circumstance_report(CADRE, "e2e-sig-petition", source_system="petitions",
                                   channel="daily_understanding", managing_unit=scenario.managing_unit,
                                   reporter="市信访局")
    asyncio.run(publish_report(stack.nats_url_for("petitions"), petition, message_id="e2e-sig-petition",
                               producer="petitions"))

    def all_three() -> dict[str, Any] | None:
        with scenario.http("identification") as client:
            found: dict[str, Any] = client.get(f"/concerns/{concern['concern_id']}").json()
        return found if len(found["signals"]) == 3 else None

    keys = [(s["source_system"], s["signal_id"]) for s in wait_for("three signals", all_three)["signals"]]
    assert keys == [("discipline", "e2e-sig-nats"), ("case_officer", "e2e-sig-http"),
                    ("petitions", "e2e-sig-petition")]

    with scenario.http("adjustment") as client:  # the concern's case is not open yet: any case
        misnamed = client.post(f"/cases/{scenario.case_id(concern['concern_id'])}/proposal", json={
            **scenario.procedure_steps(effective_on=date(2026, 6, 1))[0][1],
            "proposed_by": "市委组织部部长 王五"})
    assert misnamed.status_code == 422 and misnamed.json()["code"] == "ActorMismatch"
    assert misnamed.json()["field"] == "proposed_by"

    concern_id = scenario.determine()
    case_id = scenario.run_procedure(concern_id)
    timeline = scenario.wait_for_timeline_type("AdjustmentExecuted")

    signals = [e for e in timeline if e["type"] == "CircumstanceReported"]
    # (The officer's report is relayed by identification, the petition comes straight from its
    # producer: which of the two the record learnt first is a race.)
    assert sorted((e["source"], e["data"]["signal_id"]) for e in signals) == [
        ("discipline", "e2e-sig-nats"), ("identification", "e2e-sig-http"),
        ("petitions", "e2e-sig-petition")]
    over_http = next(e for e in signals if e["source"] == "identification")
    assert over_http["actor"]["id"] == "li.min"  # the officer who reported it over HTTP

    reader = principals.supervisor()
    with scenario.http("audit", reader, principals.SUPERVISION_PURPOSE) as client:
        case_file = client.get(f"/cases/{case_id}/timeline").json()["entries"]
        state = client.get(f"/cases/{case_id}").json()
        statistics = client.get("/statistics", params={"year": 2026}).json()
        # As of the decision's day (the meeting, as adjustment stated it), though it was stored
        # months later on the real clock: the decision is in, the execution on 1 June is not.
        record = f"/cadres/{CADRE.cadre_id}/timeline"
        on_the_day = client.get(record, params={"as_of": "2026-05-20"}).json()
        first_known = signals[0]["recorded_at"]
        before_it = client.get(record, params={"as_of": "2026-05-20", "as_known_at": first_known}).json()
    types = [e["type"] for e in on_the_day["entries"]]
    assert "AdjustmentDecided" in types and "AdjustmentExecuted" not in types
    assert [e["type"] for e in before_it["entries"]] == ["CircumstanceReported"]  # as known then
    assert all(e["timing"]["back_dated"] for e in on_the_day["entries"] if e["type"] == "AdjustmentDecided")
    assert Counter(e["type"] for e in case_file)["CircumstanceReported"] == 3
    assert sorted(s["channel"] for s in state["basis"]["signals"]) == [
        "daily_understanding", "party_organisation_opinion", "supervision_results"]
    assert statistics["by"]["channel"] == {
        "daily_understanding": 1, "party_organisation_opinion": 1, "supervision_results": 1}

    # Every step names the authenticated person who recorded it, as their token names them.
    by_step = {p["step"]: p.get("actor") or {} for p in state["procedure"]}
    officer, secretary = principals.case_officer(), principals.committee_secretary()
    for step in ("propose", "talk", "formalities"):
        assert (by_step[step]["id"], by_step[step]["role"], by_step[step]["unit"]) == (
            officer.subject, "case_officer", officer.unit)
    assert (by_step["decide"]["id"], by_step["decide"]["name"]) == (secretary.subject, secretary.name)
    assert by_step["decide"]["on_behalf_of"] == "市委办公室"  # as the body stated, beside the actor
    proposal = next(p for p in state["procedure"] if p["step"] == "propose")
    assert proposal["by"] == officer.name  # the step's own field names the same person
    with scenario.http("adjustment") as client:
        case = client.get(f"/cases/{case_id}").json()
    assert [s["signal_id"] for s in case["signals"]] == ["e2e-sig-nats", "e2e-sig-http", "e2e-sig-petition"]
