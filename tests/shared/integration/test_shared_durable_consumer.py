"""Two replicas of one service share a durable consumer: every event has its effect exactly once."""

from __future__ import annotations

import asyncio

import nats

from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap
from shared.contract import events as contract
from shared.messaging.consumer import InboundConsumer
from shared.messaging.streams import ensure_streams
from shared.runner.scenario import circumstance_report, publish_report
from shared.settings import ServiceSettings
from tests.helpers import eventually

EVENTS = 120


def test_two_replicas_on_one_durable_consumer_process_every_event_exactly_once(
    settings: ServiceSettings,
) -> None:
    # Two runtimes: two applications (connection pools) on the same database, like two pods.
    replicas = [bootstrap(settings), bootstrap(settings)]
    apps = [r.app for r in replicas]
    assert all(isinstance(a, Concerns) for a in apps)

    async def scenario() -> list[int]:
        nc = await nats.connect(settings.nats_url)
        js = nc.jetstream()
        await ensure_streams(js)
        consumers = [
            InboundConsumer(r.app, js, r.consumers[0], service="identification") for r in replicas
        ]
        for consumer in consumers:
            consumer.spec.batch_size = 10  # small batches so both replicas get work
        stop = asyncio.Event()
        tasks = [asyncio.create_task(c.run(stop)) for c in consumers]
        for n in range(EVENTS):
            cadre = contract.CadreRef(cadre_id=f"rep-{n}", name=f"干部{n}", unit_id="u",
                                      post="科长", rank="正科级")
            # Every tenth signal is re-sent under a new message id, as a producer retrying would.
            await publish_report(settings.nats_url, circumstance_report(cadre, f"rep-sig-{n}"),
                                 message_id=f"rep-msg-{n}")
            if n % 10 == 0:
                await publish_report(settings.nats_url, circumstance_report(cadre, f"rep-sig-{n}"),
                                     message_id=f"rep-msg-{n}-again")
        total = EVENTS + EVENTS // 10

        async def all_acked() -> bool:
            return sum(c.processed for c in consumers) >= total

        await eventually(all_acked, timeout=60)
        stop.set()
        await asyncio.gather(*tasks)
        await nc.close()
        return [c.processed for c in consumers]

    per_replica = asyncio.run(scenario())
    assert all(count > 0 for count in per_replica), per_replica  # both replicas did work
    app = apps[0]
    assert isinstance(app, Concerns)
    for n in range(EVENTS):
        concerns = app.concerns_of(f"rep-{n}")
        assert len(concerns) == 1, n
        assert len(concerns[0].signal_ids) == 1, n
