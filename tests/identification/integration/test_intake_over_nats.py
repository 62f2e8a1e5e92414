"""Producer intake over real JetStream into real PostgreSQL: duplicates and poison messages."""

from __future__ import annotations

import asyncio
import json

import nats

from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap
from services.identification.domain.signal import Signal
from shared.contract import events as contract
from shared.contract.envelope import DEAD_LETTER_STREAM
from shared.messaging.dead_letter import REASON_HEADER
from shared.runner.scenario import circumstance_report, publish_report
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.helpers import eventually, read_subject

SUBJECT = "cadre.intake.petitions.circumstance_reported.v1"


def cadre(cadre_id: str) -> contract.CadreRef:
    return contract.CadreRef(cadre_id=cadre_id, name="赵六", unit_id="u-9", post="副局长",
                             rank="副处级", role="party_committee_member")


def test_a_signal_sent_three_times_with_the_same_signal_id_yields_one_signal_and_one_concern(
    settings: ServiceSettings,
) -> None:
    runtime = bootstrap(settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    report = circumstance_report(cadre("c-dup"), "pet-77", source_system="petitions")

    async def scenario() -> None:
        async with _running(runtime):
            assert await publish_report(settings.nats_url, report, message_id="m-1",
                                        producer="petitions")
            # JetStream itself drops the same Nats-Msg-Id inside the window…
            assert not await publish_report(settings.nats_url, report, message_id="m-1",
                                            producer="petitions")
            # …and later re-sends with new message ids are recognised by the signal's own id.
            for message_id in ("m-2", "m-3"):
                assert await publish_report(settings.nats_url, report, message_id=message_id,
                                            producer="petitions")
            consumer = runtime.inbound[0]
            await eventually(lambda: _true(consumer.processed >= 3))
            concerns = app.concerns_of("c-dup")
            assert len(concerns) == 1
            assert len(concerns[0].signal_ids) == 1
            signal = app.get_signal(Signal.create_id("petitions", "pet-77"))
            assert signal is not None and str(signal.id) == concerns[0].signal_ids[0]
            assert signal.version == 2  # received and attached once; the re-sends changed nothing

    asyncio.run(scenario())


def test_poison_messages_go_to_the_dead_letter_subject_and_do_not_block_valid_ones(
    settings: ServiceSettings,
) -> None:
    runtime = bootstrap(settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    valid = circumstance_report(cadre("c-after-poison"), "pet-90", source_system="petitions")
    invalid = json.loads(
        json.dumps(
            {
                "id": "m-bad-schema", "type": "CircumstanceReported", "version": 1,
                "source": "petitions", "occurred_at": "2026-03-01T00:00:00+00:00",
                "cadre_id": "c-x", "data": {"signal_id": "x", "channel": "rumour"},
            }
        )
    )

    async def scenario() -> list[object]:
        async with _running(runtime):
            nc = await nats.connect(settings.nats_url)
            js = nc.jetstream()
            await js.publish(SUBJECT, b"{this is not json", headers={"Nats-Msg-Id": "m-bad-json"})
            await js.publish(SUBJECT, json.dumps(invalid).encode(),
                             headers={"Nats-Msg-Id": "m-bad-schema"})
            await nc.close()
            await publish_report(settings.nats_url, valid, message_id="m-good",
                                 producer="petitions")
            await eventually(lambda: _true(bool(app.concerns_of("c-after-poison"))))
            assert app.concerns_of("c-x") == []  # nothing half-written
            return await eventually(
                lambda: _at_least(settings.nats_url, "cadre.deadletter.identification", 2)
            )

    dead = asyncio.run(scenario())
    reasons = [m.headers[REASON_HEADER] for m in dead]  # type: ignore[attr-defined]
    assert any("body is not JSON" in r for r in reasons)
    assert any("data.channel" in r for r in reasons)
    assert all(m.headers["Cadre-Original-Subject"] == SUBJECT for m in dead)  # type: ignore[attr-defined]


async def _true(value: bool) -> bool:
    return value


async def _at_least(url: str, subject: str, count: int) -> list[object] | None:
    messages = await read_subject(url, DEAD_LETTER_STREAM, subject)
    return messages if len(messages) >= count else None
