"""An event NATS can never carry is set aside by the relay with an alert, not retried forever:
the events after it are published and the relay's position moves on (real NATS and PostgreSQL,
the server's payload limit lowered so one stored event exceeds it)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from pathlib import Path

import nats
import pytest

from services.identification.adapters.outbox import translate
from services.identification.application import Concerns
from services.identification.domain.values import HTTP
from shared.contract.envelope import DEAD_LETTER_STREAM, STREAM_NAME
from shared.embedded.nats_server import EmbeddedNats
from shared.messaging.dead_letter import REASON_HEADER
from shared.messaging.relay import OutboxRelay
from shared.messaging.streams import ensure_streams
from shared.settings import ServiceSettings
from tests.helpers import read_subject
from tests.shared.integration.test_outbox_relay import _env, report


def test_an_event_larger_than_nats_carries_is_dead_lettered_and_the_rest_published(
    settings: ServiceSettings, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    config = tmp_path / "small.conf"
    config.write_text("max_payload: 65536\n", encoding="utf-8")
    small_nats = EmbeddedNats(tmp_path / "nats-small", config_file=config).start()
    app = Concerns(env=_env(settings))
    # Reported over HTTP (not from a producer's own message): published as CircumstanceReported.
    app.report_circumstance(dataclasses.replace(report("s-big", "c-big"), summary="概" * 40_000,
                                                received_via=HTTP))
    app.report_circumstance(dataclasses.replace(report("s-after", "c-after"), received_via=HTTP))

    async def scenario() -> tuple[list[object], list[object]]:
        nc = await nats.connect(small_nats.url)
        js = nc.jetstream()
        await ensure_streams(js)
        relay = OutboxRelay(app, js, translate, name="identification", max_payload=nc.max_payload)
        assert nc.max_payload == 65536
        with caplog.at_level(logging.ERROR, logger="shared.messaging.relay"):
            published = await relay.publish_pending()
        assert published == 4  # two signals, two concerns opened
        assert relay.dead_lettered == 1 and await relay.publish_pending() == 0
        await nc.close()
        dead = await read_subject(small_nats.url, DEAD_LETTER_STREAM, "cadre.deadletter.identification")
        opened = await read_subject(small_nats.url, STREAM_NAME, "cadre.identification.concern_opened.v1")
        return dead, opened

    try:
        dead, opened = asyncio.run(scenario())
    finally:
        small_nats.stop()
    assert [json.loads(m.data)["cadre_id"] for m in opened] == ["c-big", "c-after"]  # type: ignore[attr-defined]
    assert len(dead) == 1
    reason = dead[0].headers[REASON_HEADER]  # type: ignore[attr-defined]
    assert "more than the 65536" in reason and "未能发布" in reason
    assert json.loads(dead[0].data)["type"] == "CircumstanceReported"  # type: ignore[attr-defined]
    assert any("cannot publish" in r.message for r in caplog.records)  # the operator's alert
