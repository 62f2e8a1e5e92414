"""Hypothesis-made bytes and envelopes never stop a consumer: each one is given its effect or
dead-lettered, and a valid signal sent after all of them still takes effect."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import nats
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.runner.scenario import circumstance_report, publish_report
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.helpers import eventually

SUBJECT = "cadre.intake.petitions.circumstance_reported.v1"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def _valid_envelope(n: int) -> dict[str, Any]:
    report = circumstance_report(
        contract.CadreRef(cadre_id=f"c-fuzz-{n}", name="钱七", unit_id="u-9", post="科长", rank="正科级"),
        f"fuzz-{n}", source_system="petitions")
    envelope = envelope_for(report, event_id=f"m-fuzz-valid-{n}", source="petitions",
                            cadre_id=report.cadre.cadre_id, occurred_at=report.reported_at)
    parsed: dict[str, Any] = json.loads(encode(envelope))
    return parsed


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "mutated", "nested"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "nested":
        depth = draw(st.integers(min_value=30, max_value=3000))
        return b'{"data":' * depth + b"0" + b"}" * depth
    envelope = _valid_envelope(draw(st.integers(0, 10**6)))  # a real envelope, one field replaced
    path = draw(st.sampled_from(["id", "type", "version", "source", "occurred_at", "cadre_id",
                                 "data", "data.signal_id", "data.channel", "data.cadre",
                                 "data.reported_at", "data.summary"]))
    target = envelope
    *parents, leaf = path.split(".")
    for parent in parents:
        target = target[parent]
    target[leaf] = draw(json_values)
    return json.dumps(envelope, allow_nan=True).encode()


@hypothesis_settings(max_examples=3, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(bodies(), min_size=40, max_size=40))
def test_no_generated_message_stops_the_identification_consumer(
    settings: ServiceSettings, batch: list[bytes],
) -> None:
    runtime = bootstrap(settings)
    app = runtime.app
    assert isinstance(app, Concerns)
    marker = f"after-{abs(hash(tuple(batch))) % 10**9}"
    valid = circumstance_report(
        contract.CadreRef(cadre_id=f"c-{marker}", name="孙八", unit_id="u-9", post="科长", rank="正科级"),
        marker, source_system="petitions")

    async def scenario() -> None:
        async with _running(runtime):
            consumer = runtime.inbound[0]
            before = consumer.processed + consumer.dead_lettered
            nc = await nats.connect(settings.nats_url)
            js = nc.jetstream()
            for n, body in enumerate(batch):
                await js.publish(SUBJECT, body, headers={"Nats-Msg-Id": f"m-{marker}-{n}"})
            await nc.close()
            await publish_report(settings.nats_url, valid, message_id=f"m-{marker}",
                                 producer="petitions")

            async def settled() -> bool | None:
                total = consumer.processed + consumer.dead_lettered - before
                return True if total >= len(batch) + 1 and app.concerns_of(f"c-{marker}") else None

            await eventually(settled, timeout=60)

    asyncio.run(scenario())
