"""The tree heads the audit service published to JetStream, read back where the audit database
cannot reach: the stream denies deletion and purging, so what was published stays."""

from __future__ import annotations

import json
from typing import Any

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from shared.contract.envelope import CHECKPOINT_STREAM


async def published_heads(js: JetStreamContext) -> list[dict[str, Any]]:
    """Every published head, in the order published (a head published twice appears twice)."""
    try:
        info = await js.stream_info(CHECKPOINT_STREAM)
    except NotFoundError:
        return []
    heads: list[dict[str, Any]] = []
    state = info.state
    if not state.messages:
        return heads
    for seq in range(state.first_seq, state.last_seq + 1):
        try:
            message = await js.get_msg(CHECKPOINT_STREAM, seq)
        except NotFoundError:
            continue
        envelope = json.loads(message.data or b"{}")
        if isinstance(envelope, dict) and isinstance(envelope.get("data"), dict):
            heads.append(envelope["data"])
    return heads
