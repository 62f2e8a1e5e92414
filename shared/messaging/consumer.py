"""Durable JetStream pull consumers that give each inbound event its effect exactly once.

A handler saves the effects of one message together with the message's inbox tracking record, in
one transaction; the message is acked only after that commit. A duplicate (re-delivery, re-send
with the same message id, or a second replica racing) fails the tracking insert and is acked
without effect. A message that is not a valid event, or that the domain rejects, goes to the
dead-letter subject with the reason; a message that keeps failing for other reasons is retried
with back-off and dead-lettered when its deliveries run out. Nothing blocks the messages behind it.

A fetched batch is given its effects in one transaction, in delivery order (one inbox record per
message, each message's effects beside its record): one commit instead of one per message. Messages already
processed are acked without effect. If anything in the batch fails (a rejected or malformed
event, a race with another replica), nothing of it is stored and its messages are processed one
by one as above, so one bad message never rolls back the others' effects nor blocks them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from eventsourcing.persistence import IntegrityError, Tracking
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig
from nats.js.errors import BadRequestError

from shared.contract.codec import ContractViolationError, IntegrationEvent
from shared.contract.envelope import STREAM_NAME
from shared.eventstore.application import ServiceApplication, inbox_tracking
from shared.messaging.consumption import check_consumer, consumer_config
from shared.messaging.dead_letter import send_to_dead_letter
from shared.messaging.provenance import decode_inbound
from shared.tracing import continued_span

log = logging.getLogger(__name__)

Handler = Callable[[IntegrationEvent, Tracking], None]
# Names, before a batch is handled, the aggregates its handlers will load (app.preload).
Preloader = Callable[[list[IntegrationEvent]], None]


@dataclass
class ConsumerSpec:
    """What one durable consumer reads and which handler gives each event its effect."""

    durable: str
    filter_subjects: list[str]
    handle: Handler
    rejects: tuple[type[Exception], ...] = ()
    preload: Preloader | None = None
    max_deliver: int = 5
    ack_wait_seconds: float = 30.0
    batch_size: int = 100
    backoff_seconds: list[float] = field(default_factory=lambda: [0.5, 2.0, 5.0, 15.0])


class InboundConsumer:
    def __init__(
        self, app: ServiceApplication, js: JetStreamContext, spec: ConsumerSpec, *, service: str,
        provision: bool = True,
    ) -> None:
        self.app = app
        self.provision = provision
        self.js = js
        self.spec = spec
        self.service = service
        self.last_progress = time.monotonic()
        self.processed = 0
        self.dead_lettered = 0

    def consumer_config(self) -> ConsumerConfig:
        return consumer_config(self.spec.durable, self.spec.filter_subjects,
                               ack_wait=self.spec.ack_wait_seconds, max_deliver=self.spec.max_deliver)

    async def ensure(self) -> None:
        if not self.provision:  # the operator's setup step made it (shared/messaging/consumption.py)
            await check_consumer(self.js, self.spec.durable, self.spec.filter_subjects)
            return
        config = self.consumer_config()
        try:
            await self.js.add_consumer(STREAM_NAME, config=config)
        except BadRequestError:
            await self.js.add_consumer(STREAM_NAME, config=config)  # retry once on a race

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():  # NATS restarting, or the operator's consumer not made yet
            try:
                await self.ensure()
                break
            except Exception as error:
                log.warning("consumer %s not ready (%s); trying again", self.spec.durable, error)
                await asyncio.sleep(1)
        if stop.is_set():
            return
        subscription = await self.js.pull_subscribe_bind(
            durable=self.spec.durable, stream=STREAM_NAME
        )
        while not stop.is_set():
            try:
                messages = await subscription.fetch(self.spec.batch_size, timeout=1)
            except (NatsTimeoutError, TimeoutError):  # nats-py raises either when nothing came
                self.last_progress = time.monotonic()  # nothing waiting counts as keeping up
                continue
            except Exception:
                log.exception("fetch failed for %s", self.spec.durable)
                await asyncio.sleep(1)
                continue
            try:
                await self.process_batch(messages)
            except Exception:
                # Whatever a message does, the loop goes on: the batch is taken one by one, and
                # a message that cannot even be dead-lettered now is redelivered after ack_wait.
                log.exception("batch on %s failed; one by one", self.spec.durable)
                for msg in messages:
                    await self.process_guarded(msg)
            self.last_progress = time.monotonic()
        await subscription.unsubscribe()

    async def process_guarded(self, msg: Msg) -> None:
        try:
            await self.process(msg)
        except Exception:
            log.exception("message %s on %s left for redelivery", msg.subject, self.spec.durable)

    async def process_batch(self, messages: list[Msg]) -> None:
        if len(messages) < 2 or not self.app.can_batch:
            for msg in messages:
                await self.process_guarded(msg)
            return
        # One transaction for the whole batch, in delivery order: the store's table lock and the
        # commit are paid once (threads per partition only queued on that same lock).
        decoded: list[tuple[Msg, IntegrationEvent]] = []
        for msg in messages:
            try:
                decoded.append((msg, decode_inbound(msg)))
            except Exception:
                await self.process_guarded(msg)  # dead-letters it with the reason
        if not decoded:
            return
        try:
            await asyncio.to_thread(self._apply_batch, decoded)
        except Exception as error:
            log.info("batch of %d on %s failed (%r); one by one", len(decoded), self.spec.durable,
                     error)
            for msg, _ in decoded:
                await self.process_guarded(msg)
            return
        for msg, _ in decoded:
            await msg.ack()
        self.processed += len(decoded)

    def _apply_batch(self, part: list[tuple[Msg, IntegrationEvent]]) -> None:
        trackings = [inbox_tracking(self.spec.durable, event.id) for _, event in part]
        done = self.app.processed_among(trackings)
        with self.app.batch():
            if self.spec.preload is not None:
                self.spec.preload([event for (_, event), tracking in zip(part, trackings, strict=True)
                                   if tracking.application_name not in done])
            for (msg, event), tracking in zip(part, trackings, strict=True):
                if tracking.application_name in done:
                    continue  # a re-delivery or re-send: acked without effect
                done.add(tracking.application_name)
                with continued_span(f"consume {event.type}", msg.headers):
                    self.spec.handle(event, tracking)

    async def process(self, msg: Msg) -> None:
        try:
            event = decode_inbound(msg)
        except ContractViolationError as error:
            await self._dead_letter(msg, f"contract violation: {error}")
            return
        except Exception as error:  # a body no check foresaw: refused, never retried
            await self._dead_letter(msg, f"undecodable: {error!r}"[:2000])
            return
        tracking = inbox_tracking(self.spec.durable, event.id)
        with continued_span(f"consume {event.type}", msg.headers):
            try:
                await asyncio.to_thread(self._apply, event, tracking)
            except self.spec.rejects as error:
                await self._dead_letter(msg, f"rejected by {self.service}: {error}")
                return
            except Exception as error:
                await self._retry_or_give_up(msg, tracking, error)
                return
        await msg.ack()
        self.processed += 1

    def _apply(self, event: IntegrationEvent, tracking: Tracking) -> None:
        if self.app.has_processed(tracking):
            return
        self.spec.handle(event, tracking)

    async def _retry_or_give_up(self, msg: Msg, tracking: Tracking, error: Exception) -> None:
        if isinstance(error, IntegrityError):
            processed = await asyncio.to_thread(self.app.has_processed, tracking)
            if processed:  # a concurrent delivery won the race; its effect stands
                await msg.ack()
                return
        delivered = msg.metadata.num_delivered or 1
        if delivered >= self.spec.max_deliver:
            await self._dead_letter(msg, f"gave up after {delivered} deliveries: {error!r}")
            return
        log.warning("retrying %s after %r", msg.subject, error)
        delays = self.spec.backoff_seconds
        await msg.nak(delay=delays[min(delivered - 1, len(delays) - 1)])

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        log.warning("dead-lettering %s: %s", msg.subject, reason)
        await send_to_dead_letter(
            self.js, msg, service=self.service, consumer=self.spec.durable, reason=reason
        )
        await msg.ack()
        self.dead_lettered += 1
