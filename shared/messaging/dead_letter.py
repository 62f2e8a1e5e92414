"""Where messages a consumer cannot accept go, with the reason, so nothing is lost or retried forever."""

from __future__ import annotations

from nats.aio.msg import Msg
from nats.js import JetStreamContext

from shared.contract.envelope import DEAD_LETTER_PREFIX

REASON_HEADER = "Cadre-Reason"
ORIGINAL_SUBJECT_HEADER = "Cadre-Original-Subject"
CONSUMER_HEADER = "Cadre-Consumer"


def dead_letter_subject(service: str) -> str:
    return f"{DEAD_LETTER_PREFIX}.{service}"


async def send_to_dead_letter(
    js: JetStreamContext, msg: Msg, *, service: str, consumer: str, reason: str
) -> None:
    sequence = msg.metadata.sequence.stream if msg.reply else 0
    headers = {
        REASON_HEADER: reason[:2000],
        ORIGINAL_SUBJECT_HEADER: msg.subject,
        CONSUMER_HEADER: consumer,
        # One dead letter per stream message, however often it is delivered.
        "Nats-Msg-Id": f"deadletter:{consumer}:{sequence}",
    }
    await js.publish(dead_letter_subject(service), msg.data, headers=headers)
