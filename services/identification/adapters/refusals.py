"""Reads identification's own dead letters back and records each producer message refused.

A producer learns why its message was not taken from a receipt, and a receipt is only ever sent
from a stored event: so the dead letter (stream CADRE_DEAD_LETTERS, subject
cadre.deadletter.identification) is recorded as a Refusal first, and the outbox relay sends it.
Dead letters of the relay itself, or of messages from no registered producer, are not anyone's
receipt and are acked without effect. Recording twice is refused by the aggregate's id (one per
dead-letter sequence), so a re-delivery changes nothing.
"""

from __future__ import annotations

import asyncio
import logging

import orjson
from eventsourcing.persistence import IntegrityError
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext

from services.identification.domain.refusal import Refusal
from shared.contract.envelope import DEAD_LETTER_STREAM
from shared.eventstore.application import ServiceApplication
from shared.messaging.consumption import REFUSALS_DURABLE, REFUSALS_SUBJECT, single_filter_config
from shared.messaging.dead_letter import ORIGINAL_SUBJECT_HEADER, REASON_HEADER
from shared.producers.registry import producer_registry

log = logging.getLogger(__name__)


def refusal_of(msg: Msg) -> Refusal | None:
    """The refusal a dead letter records, or None when it is no producer's message."""
    headers = msg.headers or {}
    subject = headers.get(ORIGINAL_SUBJECT_HEADER, "")
    parts = subject.split(".")
    if len(parts) < 3 or parts[:2] != ["cadre", "intake"] or producer_registry().get(parts[2]) is None:
        return None
    try:
        body = orjson.loads(msg.data)
    except orjson.JSONDecodeError:
        body = None
    body = body if isinstance(body, dict) else {}
    data = body.get("data") if isinstance(body.get("data"), dict) else {}
    text = lambda value: value[:200] if isinstance(value, str) and value else None  # noqa: E731
    return Refusal.record(
        producer=parts[2], subject=subject, dead_letter_sequence=msg.metadata.sequence.stream,
        message_id=text(body.get("id")), signal_id=text(data.get("signal_id")),
        cadre_id=text(body.get("cadre_id")), reason=headers.get(REASON_HEADER, "refused"))


def record(app: ServiceApplication, msg: Msg) -> None:
    refusal = refusal_of(msg)
    if refusal is None:
        return
    try:
        app.save(refusal)
    except IntegrityError:
        pass  # recorded at an earlier delivery


async def follow_refusals(app: ServiceApplication, js: JetStreamContext, stop: asyncio.Event,
                          *, provision: bool) -> None:
    """Records each dead letter; the consumer is the operator's (`cadre streams`), made here only
    where the service provisions its own streams (a development server without users)."""
    while provision and not stop.is_set():
        try:
            await js.add_consumer(DEAD_LETTER_STREAM, config=single_filter_config(
                REFUSALS_DURABLE, REFUSALS_SUBJECT))
            break
        except Exception:  # NATS restarting: keep trying, as the inbound consumers do
            log.warning("cannot make %s yet; trying again", REFUSALS_DURABLE)
            await asyncio.sleep(1)
    # A missing consumer (the operator's setup not run yet) only fails each fetch, retried below.
    subscription = await js.pull_subscribe_bind(durable=REFUSALS_DURABLE, stream=DEAD_LETTER_STREAM)
    while not stop.is_set():
        try:
            messages = await subscription.fetch(50, timeout=1)
        except (NatsTimeoutError, TimeoutError):
            continue
        except Exception:
            log.exception("fetching dead letters failed")
            await asyncio.sleep(1)
            continue
        for msg in messages:
            try:
                await asyncio.to_thread(record, app, msg)
                await msg.ack()
            except Exception:  # left for redelivery; the loop goes on
                log.exception("dead letter %s not recorded", msg.metadata.sequence.stream)
    await subscription.unsubscribe()
