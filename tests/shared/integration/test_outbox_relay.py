"""The outbox relay on real PostgreSQL and NATS: only stored events, stable ids, no loss on crash."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import nats

from services.identification.adapters.outbox import translate
from services.identification.application import Concerns
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.contract.envelope import STREAM_NAME
from shared.messaging.relay import OutboxRelay
from shared.messaging.streams import ensure_streams
from shared.settings import ServiceSettings
from shared.tracing import setup_tracing, tracer
from tests.helpers import read_subject

SUBJECT = "cadre.identification.concern_opened.v1"


def report(signal_id: str, cadre_id: str) -> SignalReport:
    return SignalReport(
        signal_id=signal_id, source_system="petitions", channel="supervision_results",
        reporter="信访办", cadre=CadreSnapshot(cadre_id, "李四", "u-1", "局长", "正处级"),
        managing_unit="org-1", citation=Citation("IM-2022", "art. 6(11)"), summary="s",
        reported_at=datetime(2026, 3, 1, tzinfo=UTC),
    )


def test_relay_publishes_stored_events_once_even_when_it_repeats_itself(
    settings: ServiceSettings,
) -> None:
    setup_tracing("test", "none")
    app = Concerns(env=_env(settings))
    with tracer().start_as_current_span("officer request") as span:
        app.report_circumstance(report("s-1", "c-1"))
        trace_id = format(span.get_span_context().trace_id, "032x")
    app.report_circumstance(report("s-2", "c-2"))

    async def scenario() -> list[object]:
        nc = await nats.connect(settings.nats_url)
        js = nc.jetstream()
        await ensure_streams(js)
        first = OutboxRelay(app, js, translate, name="identification")
        # Five stored events per report (signal received and attached, concern opened, the
        # cadre index started and added to); only signals received and concerns opened can
        # translate to messages, so only those four are read (a signal from a producer's message
        # publishes nothing: it is on the stream already), and the position moves past all ten.
        assert await first.publish_pending() == 4
        assert first.position == 10
        assert app.process_recorder.max_tracking_id("outbox:identification") == 10
        assert await first.publish_pending() == 0
        # A relay that crashed after publishing but before recording its position: a fresh one
        # reading from an unrecorded position publishes the same events with the same ids.
        notifications = app.process_recorder.select_notifications(1, 100)
        await first._publish(notifications)
        app.report_circumstance(report("s-3", "c-3"))
        await first.publish_pending()
        await nc.close()
        return await read_subject(settings.nats_url, STREAM_NAME, SUBJECT)

    messages = asyncio.run(scenario())
    bodies = [json.loads(m.data) for m in messages]
    assert sorted(b["cadre_id"] for b in bodies) == ["c-1", "c-2", "c-3"]
    assert all(m.headers["Nats-Msg-Id"] == json.loads(m.data)["id"] for m in messages)
    first_trace = messages[0].headers["traceparent"].split("-")[1]
    assert first_trace == trace_id  # the stored trace context continues on NATS


def _env(settings: ServiceSettings) -> dict[str, str]:
    from shared.eventstore.schema import ensure_schema

    ensure_schema(settings, "identification")
    return settings.eventsourcing_env("identification")
