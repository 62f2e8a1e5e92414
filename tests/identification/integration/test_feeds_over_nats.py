"""Feeds and follow-up problems over real JetStream: re-sends, rule hits, dead letters."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

import nats

from services.identification.application import Concerns
from shared.contract import events as contract
from shared.contract.catalogue import CONTRACT
from shared.contract.codec import encode, envelope_for
from shared.contract.envelope import DEAD_LETTER_STREAM
from shared.contract.events import Payload
from shared.contract.identification_events import AssessmentRecorded, StatisticsRecorded
from shared.messaging.dead_letter import REASON_HEADER
from shared.runner.scenario import circumstance_report, publish_report
from shared.settings import ServiceSettings
from tests.helpers import eventually, read_subject
from tests.identification.integration.conftest import service_client
from tests.identification.integration.published import published

CADRE = {"cadre_id": "c-feed", "name": "吴刚", "unit_id": "u-town", "post": "镇长", "rank": "正科级"}
AT = datetime(2026, 3, 1, 9, tzinfo=UTC)


async def publish(url: str, payload: Payload, *, message_id: str, source: str, cadre_id: str) -> None:
    envelope = envelope_for(payload, event_id=message_id, source=source, cadre_id=cadre_id, occurred_at=AT)
    nc = await nats.connect(url)
    try:
        await nc.jetstream().publish(envelope.subject(), encode(envelope),
                                     headers={"Nats-Msg-Id": message_id})
    finally:
        await nc.close()


def grade(record_id: str, value: str, period: int = 2024) -> AssessmentRecorded:
    return AssessmentRecorded.model_validate({
        "record_id": record_id, "jurisdiction": "j-wy", "managing_unit": "org:wangyi",
        "feed": "annual_assessment", "subject": {"kind": "cadre", "id": "c-feed", "cadre": CADRE},
        "fact": {"kind": "grade", "period": period, "grade": value}})


def accident(record_id: str) -> StatisticsRecorded:
    return StatisticsRecorded.model_validate({
        "record_id": record_id, "jurisdiction": "j-wy", "managing_unit": "org:wangyi",
        "feed": "production_safety_accident", "subject": {"kind": "unit", "id": "u-mine", "holders": [
            {"role": "unit_head", "cadre": {**CADRE, "cadre_id": "c-mine-head"}}]},
        "fact": {"kind": "incident", "period": 2025, "severity": "ordinary"}})


def test_feeds_over_nats_raise_each_hit_once_and_publish_it(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, "org:wangyi")
    app = runtime.app
    assert isinstance(app, Concerns)
    with client:
        client.put("/jurisdictions/j-wy/pack", json={"pack_id": "WY-2019", "on_behalf_of": "x",
                                                     "bound_on": "2026-01-05"})
        url = settings.nats_url
        # The assessment system sends the same record three times, with three message ids.
        for n in range(3):
            asyncio.run(publish(url, grade("a-1", "basically_competent", 2023), message_id=f"m-a-{n}",
                                source="assessment", cadre_id="c-feed"))
        asyncio.run(publish(url, grade("a-2", "basically_competent"), message_id="m-a-3",
                            source="assessment", cadre_id="c-feed"))
        for n in range(3):  # three ordinary accidents in one year (WY 10(2): 3起以上)
            asyncio.run(publish(url, accident(f"acc-{n}"), message_id=f"m-s-{n}", source="statistics",
                                cadre_id="u-mine"))
        hits = published(url, "cadre.identification.rule_hit.v1", 2)
        by_code = {h["data"]["code"]: h for h in hits}
        assert set(by_code) == {"WY-2019/8(4)", "WY-2019/10(2)"}
        two_years = by_code["WY-2019/8(4)"]["data"]
        assert two_years["article"] == "art. 8(4)" and two_years["pack_id"] == "WY-2019"
        assert two_years["figures"]["periods"] == "2023, 2024"
        accidents = by_code["WY-2019/10(2)"]
        assert accidents["cadre_id"] == "c-mine-head"
        assert accidents["data"]["figures"]["incidents"] == "3"
        assert accidents["data"]["subject_id"] == "u-mine"
        concern = app.concerns_of("c-feed")
        assert len(concern) == 1 and len(concern[0].rule_hits) == 1  # one hit, not three
        opened = published(url, "cadre.identification.concern_opened.v1", 2)
        assert {o["data"]["concern_id"] for o in opened} == {
            h["data"]["concern_id"] for h in hits}
        # Each hit's signal is on the record like a producer's, under the name the concern gives it.
        signals = published(url, "cadre.identification.circumstance_reported.v1", 2)
        assert sorted((s["data"]["source_system"], s["data"]["signal_id"]) for s in signals) == sorted(
            (o["data"]["first_signal"]["source_system"], o["data"]["first_signal"]["signal_id"])
            for o in opened)
        assert {s["data"]["source_system"] for s in signals} == {"rule_engine"}


def test_bad_feed_records_are_dead_lettered_with_the_field_and_leave_nothing(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, "org:wangyi")
    app = runtime.app
    assert isinstance(app, Concerns)
    with client:
        client.put("/jurisdictions/j-wy/pack", json={"pack_id": "WY-2019", "on_behalf_of": "x",
                                                     "bound_on": "2026-01-05"})
        url = settings.nats_url
        asyncio.run(publish(url, grade("bad-1", "superb"), message_id="m-bad-grade",
                            source="assessment", cadre_id="c-feed"))
        asyncio.run(publish(url, grade("ok-1", "incompetent"), message_id="m-ok", source="assessment",
                            cadre_id="c-feed"))
        # A correction that contradicts the recorded 2024 grade is refused, not silently chosen.
        asyncio.run(publish(url, grade("ok-2", "excellent"), message_id="m-contradicts",
                            source="assessment", cadre_id="c-feed"))

        async def dead() -> list[Any] | None:
            try:
                found = await read_subject(url, DEAD_LETTER_STREAM, "cadre.deadletter.identification")
            except TimeoutError:
                return None
            return found if len(found) >= 2 else None

        reasons = [m.headers[REASON_HEADER] for m in asyncio.run(eventually(dead))]
        assert any("fact.grade" in r and "superb" in r for r in reasons)
        assert any(r.startswith("rejected by identification: fact:") for r in reasons)
        concerns = app.concerns_of("c-feed")
        assert len(concerns) == 1 and [h["code"] for h in concerns[0].rule_hits] == ["WY-2019/8(4)"]
        assert client.get("/healthz").status_code == 200


def test_a_follow_up_problem_opens_a_concern_for_the_adjusted_cadre(settings: ServiceSettings) -> None:
    problem_spec = CONTRACT.get(("FollowUpProblemReported", 1))
    assert problem_spec is not None, "the follow-up contract defines FollowUpProblemReported"
    runtime, client = service_client(settings, "org:baotou-municipal")  # the report's managing unit
    app = runtime.app
    assert isinstance(app, Concerns)
    cadre = contract.CadreRef(**{**CADRE, "cadre_id": "c-adjusted"})
    with client:
        asyncio.run(publish_report(settings.nats_url, circumstance_report(cadre, "jw-1"),
                                   message_id="m-jw-1"))
        first = asyncio.run(eventually(lambda: _some(app.concerns_of("c-adjusted"))))[0]
        client.post(f"/concerns/{first.id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["e"], "on_behalf_of": "组织部", "determined_on": "2026-05-06"})
        problem = problem_spec.payload.model_validate({
            "plan_id": "plan-1", "problem": "调整后仍消极怠工", "reported_by": "单位党组书记",
            "reported_on": date(2026, 9, 1).isoformat(), "citation": "IM-2022 art. 30"})
        for _ in range(2):  # re-delivered: still one signal
            asyncio.run(publish(settings.nats_url, problem, message_id="m-problem", source="followup",
                                cadre_id="c-adjusted"))
        concerns = asyncio.run(eventually(lambda: _some(app.concerns_of("c-adjusted"), 2)))
        reopened = concerns[1]
        assert reopened.is_open and reopened.citations == [{"pack_id": "IM-2022", "article": "art. 30"}]
        assert reopened.cadre["name"] == CADRE["name"] and len(reopened.signal_ids) == 1
        [signal] = published(settings.nats_url, "cadre.identification.circumstance_reported.v1")
        assert (signal["data"]["source_system"], signal["data"]["signal_id"]) == ("followup", "m-problem")
        assert reopened.signals == [{"source_system": "followup", "signal_id": "m-problem"}]


async def _some(items: list[Any], count: int = 1) -> list[Any] | None:
    return items if len(items) >= count else None
