"""The personnel system feeds the register over real JetStream: its changes are applied once, a
re-sent change is harmless, the same events under another producer's name are dead-lettered with
the reason, and a producer's signal about a cadre the unit's register does not list is kept."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import nats

from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap
from services.identification.domain.register.cadre_record import CadreRecord
from shared.contract import events as contract
from shared.contract import followup_events as followup
from shared.contract import register_events as reg
from shared.contract.codec import encode, envelope_for
from shared.contract.envelope import DEAD_LETTER_STREAM
from shared.messaging.dead_letter import REASON_HEADER
from shared.runner.scenario import circumstance_report, publish_report
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.helpers import eventually, read_subject

UNIT = "org:baotou-municipal"
POST = reg.PostHeld(post="副局长", unit_id="unit:bt-finance-bureau", rank="副处级", level="县处级副职")
AUTHORITY = reg.AuthorityHeld(managing_unit=UNIT, jurisdiction=UNIT, pack_id="IM-2022")


async def publish(url: str, payload: reg.Payload, cadre_id: str, message_id: str,
                  producer: str = "personnel") -> None:
    envelope = envelope_for(payload, event_id=message_id, source=producer, cadre_id=cadre_id,
                            occurred_at=datetime(2026, 3, 1, tzinfo=UTC))
    nc = await nats.connect(url)
    await nc.jetstream().publish(envelope.subject(), encode(envelope), headers={"Nats-Msg-Id": message_id})
    await nc.close()


def test_the_personnel_system_keeps_the_register_and_nobody_else_does(settings: ServiceSettings) -> None:
    runtime = bootstrap(settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    registered = reg.CadreRegistered(change_id="hr-1", cadre_id="p-001", name="韩冰", gender="female",
                                     post=POST, authority=AUTHORITY, effective_on=date(2025, 1, 1))
    promoted = reg.CadrePostChanged(change_id="hr-2", cadre_id="p-001", effective_on=date(2026, 2, 1),
                                    post=POST.model_copy(update={"post": "局长", "rank": "正处级",
                                                                 "level": "县处级正职"}))

    async def scenario() -> list[object]:
        async with _running(runtime):
            await publish(settings.nats_url, registered, "p-001", "hr-m-1")
            await publish(settings.nats_url, promoted, "p-001", "hr-m-2")
            await publish(settings.nats_url, promoted, "p-001", "hr-m-3")  # re-sent under a new id
            forged = registered.model_copy(update={"cadre_id": "p-666", "change_id": "x-1"})
            await publish(settings.nats_url, forged, "p-666", "forged-1", producer="discipline")
            unknown = circumstance_report(
                contract.CadreRef(cadre_id="p-404", name="无名", unit_id="u", post="p", rank="r"),
                "dis-404", managing_unit=UNIT)
            await publish_report(settings.nats_url, unknown, message_id="dis-404")
            # Follow-up decided the reinstatement: the register records the post taken up.
            reinstated = followup.ReinstatementDecided(
                plan_id="plan-1", decision="reinstated", decided_on=date(2026, 9, 1), upper_consulted=True,
                new_post={"post": "调研员", "unit_id": "unit:bt-finance-bureau", "rank": "正处级",
                          "level": "县处级正职"})
            await publish(settings.nats_url, reinstated, "p-001", "fu-1", producer="followup")
            await eventually(lambda: _true(len(getattr(app.cadre_record("p-001"), "posts", [])) == 3))
            await eventually(lambda: _true(app.signal_list.all() != []))
            dead = await eventually(lambda: _dead(settings.nats_url))
            # Refused at the door: the producer registry grants the register's events to the
            # personnel system alone.
            reason = dead[0].headers[REASON_HEADER]  # type: ignore[attr-defined]
            assert "provenance" in reason and "discipline may not publish CadreRegistered" in reason
            record = app.cadre_record("p-001")
            assert record is not None and record.post["post"] == "调研员" and record.state == "in_post"
            # registered, one post change (the re-send changed nothing), the reinstatement
            assert record.version == 3
            assert [p["reason"] for p in record.posts] == ["registered", "personnel", "reinstatement:plan-1"]
            assert record.post_on(date(2025, 6, 1))["post"] == "副局长"  # type: ignore[index]
            assert record.post_on(date(2026, 3, 1))["post"] == "局长"  # type: ignore[index]
            assert app.repository.get(CadreRecord.create_id("p-001")).source == "personnel"
            assert app.cadre_record("p-666") is None
            kept = [s for s in app.signal_list.all() if s.cadre_id == "p-404"]
            assert [s.state for s in kept] == ["unresolved"] and app.concerns_of("p-404") == []
            return dead

    asyncio.run(scenario())


async def _true(value: bool) -> bool:
    return value


async def _dead(url: str) -> list[object] | None:
    messages = await read_subject(url, DEAD_LETTER_STREAM, "cadre.deadletter.identification")
    return messages or None
