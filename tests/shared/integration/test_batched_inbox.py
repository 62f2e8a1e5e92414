"""The batched inbox the benchmarks rely on (shared.eventstore.application, shared.messaging.consumer):
many inbound messages per transaction, still exactly once each, bad ones dead-lettered alone."""

from __future__ import annotations

import asyncio
import json
from uuid import NAMESPACE_URL, UUID, uuid5

import nats
import pytest
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError, Tracking

from shared.contract import events as contract
from shared.contract.codec import IntegrationEvent, encode, envelope_for
from shared.eventstore.application import ServiceApplication, inbox_tracking
from shared.eventstore.schema import ensure_schema
from shared.messaging.consumer import ConsumerSpec, InboundConsumer
from shared.messaging.dead_letter import REASON_HEADER, dead_letter_subject
from shared.messaging.streams import ensure_streams
from shared.runner.scenario import circumstance_report
from shared.settings import ServiceSettings
from tests.helpers import eventually, read_subject


class Tally(Aggregate):
    """How many reports about one cadre were given their effect."""

    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"test:tally:{cadre_id}")

    @event("Started")
    def __init__(self, cadre_id: str) -> None:
        self.cadre_id = cadre_id
        self.signals: list[str] = []

    @event("Counted")
    def count(self, signal_id: str) -> None:
        self.signals.append(signal_id)


class Tallies(ServiceApplication):
    name = "tallies"

    def tally(self, cadre_id: str) -> Tally | None:
        try:
            found: Tally = self.repository.get(Tally.create_id(cadre_id))
        except AggregateNotFoundError:
            return None
        return found


class RefusedError(ValueError):
    """The domain refuses the report."""


def tallies(settings: ServiceSettings) -> Tallies:
    ensure_schema(settings, "tallies")
    return Tallies(env=settings.eventsourcing_env("tallies"))


def count_report(app: Tallies, integration: IntegrationEvent, tracking: Tracking) -> None:
    payload = integration.payload
    assert isinstance(payload, contract.CircumstanceReported)
    if payload.summary == "refuse":
        raise RefusedError(f"signal {payload.signal_id} refused")
    tally = app.tally(payload.cadre.cadre_id) or Tally(cadre_id=payload.cadre.cadre_id)
    tally.count(payload.signal_id)
    app.save(tally, tracking=tracking)


def test_a_batch_commits_each_message_with_its_inbox_record_and_sees_its_own_saves(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    first, second, third = (inbox_tracking("t", f"m{n}") for n in range(3))
    with app.batch():
        tally = Tally(cadre_id="c-1")
        tally.count("s-1")
        app.save(tally, tracking=first)
        again = app.tally("c-1")  # not committed yet, but visible to the batch's later messages
        assert again is not None
        again.count("s-2")
        app.save(again, tracking=second)
        app.save(tracking=third)  # a message with no effect is still marked processed
        assert not app.has_processed(first)  # nothing is committed before the block ends
    stored = app.tally("c-1")
    assert stored is not None and stored.signals == ["s-1", "s-2"]
    assert all(app.has_processed(t) for t in (first, second, third))
    assert app.processed_among([first, inbox_tracking("t", "other")]) == {first.application_name}


def test_a_batch_holding_an_already_processed_message_stores_nothing(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    done = inbox_tracking("t", "done")
    app.save(Tally(cadre_id="c-0"), tracking=done)
    assert app.has_processed(done)  # saved with its events, the inbox record is there too
    with pytest.raises(IntegrityError), app.batch():
        app.save(Tally(cadre_id="c-new"), tracking=inbox_tracking("t", "new"))
        app.save(Tally(cadre_id="c-again"), tracking=done)
    assert app.tally("c-new") is None and app.tally("c-again") is None
    assert not app.has_processed(inbox_tracking("t", "new"))


def test_a_fetched_batch_gives_every_message_its_effect_once_and_dead_letters_the_bad_ones(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    spec = ConsumerSpec(durable="tallies", filter_subjects=["cadre.intake.>"],
                        handle=lambda e, t: count_report(app, e, t), rejects=(RefusedError,),
                        batch_size=256)

    async def scenario() -> InboundConsumer:
        nc = await nats.connect(settings.nats_url)
        js = nc.jetstream()
        await ensure_streams(js)
        for n in range(40):
            cadre = contract.CadreRef(cadre_id=f"c-{n % 7}", name="干部", unit_id="u", post="科长",
                                      rank="正科级")
            summary = "refuse" if n == 13 else "s"
            report = circumstance_report(cadre, f"s-{n}", summary=summary)
            envelope = envelope_for(report, event_id=f"m-{n}", source="discipline",
                                    cadre_id=cadre.cadre_id, occurred_at=report.reported_at)
            await js.publish(envelope.subject(), encode(envelope), headers={"Nats-Msg-Id": f"m-{n}"})
            if n % 10 == 0:  # re-sent with the same event id under a new NATS id: same inbox record
                await js.publish(envelope.subject(), encode(envelope),
                                 headers={"Nats-Msg-Id": f"m-{n}-again"})
        await js.publish("cadre.intake.discipline.circumstance_reported.v1", b"{not json",
                         headers={"Nats-Msg-Id": "broken"})
        # Everything is in the stream before the consumer starts, so it arrives as one batch.
        consumer = InboundConsumer(app, js, spec, service="tallies")
        stop = asyncio.Event()
        task = asyncio.create_task(consumer.run(stop))

        async def settled() -> bool:
            return consumer.processed + consumer.dead_lettered >= 40 + 4 + 1

        await eventually(settled, timeout=30)
        stop.set()
        await task
        await nc.close()
        return consumer

    consumer = asyncio.run(scenario())
    assert consumer.dead_lettered == 2
    counted = {n: app.tally(f"c-{n}") for n in range(7)}
    signals = sorted(s for tally in counted.values() if tally for s in tally.signals)
    assert signals == sorted(f"s-{n}" for n in range(40) if n != 13)  # each once, none lost
    dead = asyncio.run(read_subject(settings.nats_url, "CADRE_DEAD_LETTERS",
                                    dead_letter_subject("tallies")))
    reasons = sorted(m.headers[REASON_HEADER] for m in dead)
    assert len(reasons) == 2
    assert reasons[0].startswith("contract violation") and "refused" in reasons[1]
    assert json.loads(dead[0].data if b"refuse" in dead[0].data else dead[1].data)["id"] == "m-13"
