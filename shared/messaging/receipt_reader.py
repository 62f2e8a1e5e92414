"""How a producer system reads its receipts: its one durable consumer on CADRE_RECEIPTS.

The consumer is named after the producer and filtered to cadre.receipts.<producer>.> by the
operator's setup step (`cadre streams`); the producer's NATS user may read and ack there and
nowhere else. Being durable, it keeps the producer's place, so a producer that was away reads what
it missed, and nothing twice (each receipt is acked).
"""

from __future__ import annotations

from nats.aio.client import Client
from nats.errors import TimeoutError as NatsTimeoutError

from shared.contract.codec import IntegrationEvent, decode
from shared.contract.envelope import RECEIPTS_STREAM


async def read_receipts(nc: Client, producer: str, *, wait: float = 1.0,
                        limit: int = 1000) -> list[IntegrationEvent]:
    """Every receipt not yet read, waiting up to `wait` seconds for the first."""
    js = nc.jetstream()
    subscription = await js.pull_subscribe_bind(durable=producer, stream=RECEIPTS_STREAM)
    receipts: list[IntegrationEvent] = []
    try:
        while len(receipts) < limit:
            try:
                batch = await subscription.fetch(min(100, limit - len(receipts)),
                                                 timeout=wait if not receipts else 0.3)
            except (NatsTimeoutError, TimeoutError):
                break
            for msg in batch:
                receipts.append(decode(msg.data))
                await msg.ack()
    finally:
        await subscription.unsubscribe()
    return receipts
