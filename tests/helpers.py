"""Small test-side tools for reading what really reached JetStream."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import nats
from nats.js.api import ConsumerConfig, DeliverPolicy


async def read_subject(nats_url: str, stream: str, subject: str, limit: int = 1000) -> list[Any]:
    """Every message on a subject, read with an ephemeral consumer (no state left behind)."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        sub = await js.pull_subscribe(
            subject, stream=stream,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=5),
        )
        messages: list[Any] = []
        while len(messages) < limit:
            try:
                batch = await sub.fetch(100, timeout=0.5)
            except (nats.errors.TimeoutError, TimeoutError):  # fetch raises either under load
                break
            for msg in batch:
                await msg.ack()
            messages.extend(batch)
        return messages
    finally:
        await nc.close()


async def eventually(probe: Callable[[], Awaitable[Any]], timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.1)
