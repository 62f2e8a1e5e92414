"""One message, whatever its bytes, never stops a consumer: it takes effect or is dead-lettered
with its reason, and the valid messages behind it still take effect (identification and audit,
real JetStream and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import nats
import pytest

from services.audit.bootstrap import bootstrap as audit_bootstrap
from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap as identification_bootstrap
from shared.contract import events as contract
from shared.contract.envelope import DEAD_LETTER_STREAM
from shared.messaging.dead_letter import REASON_HEADER
from shared.runner.scenario import circumstance_report, publish_report
from shared.service_host import ServiceRuntime, _running
from shared.settings import ServiceSettings
from tests.helpers import eventually, read_subject

SUBJECT = "cadre.intake.petitions.circumstance_reported.v1"
# 10 KB of nesting: the standard library's parser recursed until RecursionError, which the
# consumer loop did not catch.
DEEP = b"[" * 10_000 + b"]" * 10_000
DEEP_IN_ENVELOPE = (b'{"id":"m-deep","type":"CircumstanceReported","version":1,"source":"petitions",'
                    b'"data":' + b'{"a":' * 5_000 + b"1" + b"}" * 5_000 + b"}")
HUGE = b'{"id":"m-huge","data":"' + b"x" * 400_000 + b'"}'


def cadre(cadre_id: str) -> contract.CadreRef:
    return contract.CadreRef(cadre_id=cadre_id, name="赵六", unit_id="u-9", post="副局长",
                             rank="副处级", role="party_committee_member")


@pytest.mark.parametrize("make", [identification_bootstrap, audit_bootstrap],
                         ids=["identification", "audit"])
def test_deep_and_huge_bodies_are_dead_lettered_and_the_next_signal_takes_effect(
    settings: ServiceSettings, make: Callable[[ServiceSettings], ServiceRuntime],
) -> None:
    runtime = make(settings)
    valid = circumstance_report(cadre("c-after-deep"), "pet-deep-1", source_system="petitions")

    async def scenario() -> list[object]:
        async with _running(runtime):
            nc = await nats.connect(settings.nats_url)
            js = nc.jetstream()
            for n, body in enumerate((DEEP, DEEP_IN_ENVELOPE, HUGE)):
                await js.publish(SUBJECT, body, headers={"Nats-Msg-Id": f"m-hostile-{n}"})
            await nc.close()
            await publish_report(settings.nats_url, valid, message_id="m-valid-after",
                                 producer="petitions")
            consumer = runtime.inbound[0]
            await eventually(lambda: _true(consumer.processed >= 1), timeout=30)
            dead = await eventually(lambda: _at_least(
                settings.nats_url, f"cadre.deadletter.{runtime.name}", 3), timeout=30)
            if isinstance(runtime.app, Concerns):
                assert runtime.app.concerns_of("c-after-deep"), "the signal behind the hostile ones"
            return list(dead)

    dead = asyncio.run(scenario())
    reasons = sorted(m.headers[REASON_HEADER] for m in dead)  # type: ignore[attr-defined]
    assert sum("nested" in r for r in reasons) == 2, reasons
    assert sum("bytes is more than" in r for r in reasons) == 1, reasons


async def _true(value: bool) -> bool:
    return value


async def _at_least(url: str, subject: str, count: int) -> list[object] | None:
    messages = await read_subject(url, DEAD_LETTER_STREAM, subject)
    return messages if len(messages) >= count else None
