"""Waiting for what the service published on JetStream."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from tests.helpers import eventually, read_subject


def published(nats_url: str, subject: str, count: int = 1) -> list[dict[str, Any]]:
    """The envelopes on `subject` once there are at least `count` of them."""

    async def probe() -> list[Any] | None:
        try:
            found = await read_subject(nats_url, "CADRE_EVENTS", subject)
        except TimeoutError:  # nothing on the subject yet
            return None
        return found if len(found) >= count else None

    return [json.loads(m.data) for m in asyncio.run(eventually(probe))]
