"""The outbox relay: publishes what a service stored, from its notification log, to JetStream.

It reads the log after the position it recorded, maps domain events to integration events,
publishes them asynchronously with Nats-Msg-Id set to a stable id, waits for every ack and only
then records the new position. After a crash it publishes again from the recorded position:
JetStream's de-duplication window and the consumers' inboxes absorb the repeats. Nothing is
published that was not stored, because only the stored log is read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from eventsourcing.persistence import IntegrityError, Notification, Tracking
from nats.js import JetStreamContext
from opentelemetry import trace

from shared.contract.codec import encode
from shared.contract.envelope import Envelope
from shared.eventstore.application import ServiceApplication
from shared.eventstore.tracing_mapper import traceparent_of
from shared.messaging.dead_letter import (
    CONSUMER_HEADER,
    ORIGINAL_SUBJECT_HEADER,
    REASON_HEADER,
    dead_letter_subject,
)
from shared.tracing import continued_span, current_traceparent

log = logging.getLogger(__name__)

Translator = Callable[[Any], Sequence[Envelope]]
IDLE_WAIT = 2.0  # the longest a quiet relay waits before looking for another replica's events
HEADER_ALLOWANCE = 4096  # Nats-Msg-Id, traceparent and the protocol's own framing


async def _first_of(*events: asyncio.Event, timeout: float) -> None:
    """Until one of the events is set (a write, a stop) or the timeout passes."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


class OutboxRelay:
    def __init__(
        self,
        app: ServiceApplication,
        js: JetStreamContext,
        translate: Translator,
        *,
        name: str,
        batch_size: int = 500,
        interval: float = 0.2,
        max_payload: int = 1024 * 1024,
    ) -> None:
        self.app = app
        self.js = js
        self.translate = translate
        self.tracking_name = f"outbox:{name}"
        self.batch_size = batch_size
        self.interval = interval
        self.name = name
        self.max_payload = max_payload
        self.position: int | None = None
        self.last_progress = time.monotonic()
        self.published = 0
        self.dead_lettered = 0

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        wake = asyncio.Event()
        self.app.on_recorded(lambda: loop.call_soon_threadsafe(wake.set))
        idle = 0
        while not stop.is_set():
            try:
                count = await self.publish_pending()
                self.last_progress = time.monotonic()  # only a pass that succeeded is progress
            except Exception:  # the relay must outlive NATS or PostgreSQL hiccups
                log.exception("relay %s failed; retrying", self.tracking_name)
                self.position = None
                count = 0
                await asyncio.sleep(1)
            # This process's own writes wake the relay at once; the timeout only looks for what
            # another replica stored, so while nothing happens it backs off (cheap when quiet).
            idle = 0 if count else idle + 1
            if count == 0:
                wake.clear()
                await _first_of(wake, stop, timeout=min(self.interval * 2 ** min(idle, 6), IDLE_WAIT))

    async def publish_pending(self) -> int:
        recorder = self.app.process_recorder
        if self.position is None:
            self.position = await asyncio.to_thread(recorder.max_tracking_id, self.tracking_name)
        start = (self.position or 0) + 1
        topics: frozenset[str] | None = getattr(self.translate, "topics", None)
        # Only the topics the translator publishes are read (up to the log's end as it stood
        # before the read: commit order makes it safe to skip to); past them the position moves
        # without a write, and after a restart the skipped events are skipped again.
        end = await asyncio.to_thread(recorder.max_notification_id) if topics else None
        notifications = await asyncio.to_thread(
            recorder.select_notifications, start, self.batch_size, end, sorted(topics or ()),
        )
        if not notifications:
            self.position = max(self.position or 0, end or 0)
            return 0
        await self._publish(notifications)
        last = notifications[-1].id if len(notifications) == self.batch_size else max(
            notifications[-1].id, end or 0)
        try:
            await asyncio.to_thread(recorder.insert_tracking, Tracking(self.tracking_name, last))
        except IntegrityError:
            # Another replica's relay recorded a position at or beyond ours; follow it.
            self.position = None
            return len(notifications)
        self.position = last
        return len(notifications)

    def _translated(self, notifications: Sequence[Notification]) -> list[tuple[Any, Sequence[Envelope]]]:
        """Decode and translate (in a worker thread: decryption and decoding are CPU work)."""
        translated = []
        for notification in notifications:
            domain_event = self.app.mapper.to_domain_event(notification)
            envelopes = self.translate(domain_event)
            if envelopes:
                translated.append((domain_event, envelopes))
        return translated

    async def _publish(self, notifications: Sequence[Notification]) -> None:
        futures = []
        for domain_event, envelopes in await asyncio.to_thread(self._translated, notifications):
            stored_trace = traceparent_of(domain_event)
            headers_in = {"traceparent": stored_trace} if stored_trace else {}
            for envelope in envelopes:
                with continued_span(
                    f"publish {envelope.type}", headers_in, kind=trace.SpanKind.PRODUCER
                ):
                    headers = {"Nats-Msg-Id": envelope.id}
                    traceparent = current_traceparent()
                    if traceparent:
                        headers["traceparent"] = traceparent
                    body = encode(envelope)
                    if len(body) + HEADER_ALLOWANCE > self.max_payload:
                        await self._dead_letter(envelope, len(body))
                        continue
                    futures.append(
                        await self.js.publish_async(envelope.subject(), body, headers=headers)
                    )
        if futures:
            await asyncio.gather(*futures)  # any failed ack raises: the position stays put
            self.published += len(futures)

    async def _dead_letter(self, envelope: Envelope, size: int) -> None:
        """An event NATS can never carry would stop the relay for good; it is set aside with an
        alert instead (the stored event itself stays in the service's record, unchanged)."""
        reason = (f"event {envelope.type} {envelope.id} is {size} bytes, more than the "
                  f"{self.max_payload} NATS carries / 事件超过消息大小上限，未能发布")
        log.error("relay %s cannot publish: %s", self.name, reason)
        summary = {"id": envelope.id, "type": envelope.type, "version": envelope.version,
                   "cadre_id": envelope.cadre_id, "subject": envelope.subject(), "size": size}
        headers = {REASON_HEADER: reason, ORIGINAL_SUBJECT_HEADER: envelope.subject(),
                   CONSUMER_HEADER: self.tracking_name,
                   "Nats-Msg-Id": f"deadletter:{self.tracking_name}:{envelope.id}"}
        await self.js.publish(dead_letter_subject(self.name), orjson.dumps(summary), headers=headers)
        self.dead_lettered += 1
