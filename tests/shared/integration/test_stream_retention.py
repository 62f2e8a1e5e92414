"""The event stream keeps personal data only for its documented retention (the audit store keeps
the record for good): set and updated by the operator's setup step, never deletable or purgeable."""

from __future__ import annotations

import asyncio

import nats

from shared.contract.envelope import STREAM_NAME
from shared.embedded.nats_server import EmbeddedNats
from shared.messaging.streams import DEFAULT_RETENTION_DAYS, ensure_streams


def test_the_event_stream_ages_messages_out_after_its_retention_and_refuses_purges(
    nats_server: EmbeddedNats,
) -> None:
    async def scenario() -> tuple[float, float, bool, bool]:
        nc = await nats.connect(nats_server.url)
        js = nc.jetstream()
        await ensure_streams(js)
        default = (await js.stream_info(STREAM_NAME)).config.max_age or 0.0
        await ensure_streams(js, retention_days=30)  # an operator's shorter retention, applied
        info = await js.stream_info(STREAM_NAME)
        await nc.close()
        return default, info.config.max_age or 0.0, bool(info.config.deny_delete), bool(
            info.config.deny_purge)

    default, configured, deny_delete, deny_purge = asyncio.run(scenario())
    assert default == DEFAULT_RETENTION_DAYS * 86400
    assert configured == 30 * 86400
    assert deny_delete and deny_purge
