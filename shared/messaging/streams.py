"""JetStream streams, created or brought up to date idempotently at start-up."""

from __future__ import annotations

import asyncio

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError, NotFoundError

from shared.contract.envelope import (
    CHECKPOINT_STREAM,
    DEAD_LETTER_PREFIX,
    DEAD_LETTER_STREAM,
    RECEIPTS_PREFIX,
    RECEIPTS_STREAM,
    STREAM_NAME,
)

# What the services and producers say about cadres. The audit service publishes only its signed
# tree heads, which have a stream of their own (CHECKPOINT_SUBJECTS).
EVENT_SUBJECTS = [
    "cadre.intake.>",
    "cadre.identification.>",
    "cadre.adjustment.>",
    "cadre.followup.>",
]
CHECKPOINT_SUBJECTS = ["cadre.audit.checkpoint_sealed.v1"]


# How long the broker keeps what the services and producers said. The documentary record is the
# audit service's store, which keeps every entry for good; the stream only has to carry each
# message until every consumer has it, so personal data does not stay in the broker for years.
# A consumer stopped for longer than this would miss messages: the retention is a bound on outages.
DEFAULT_RETENTION_DAYS = 180


def event_stream_config(replicas: int, dedup_window_seconds: float,
                        retention_days: int = DEFAULT_RETENTION_DAYS) -> StreamConfig:
    # Nothing may be deleted or purged by anyone; messages age out after the retention only.
    # File storage survives restarts.
    return StreamConfig(
        name=STREAM_NAME,
        subjects=EVENT_SUBJECTS,
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        discard=DiscardPolicy.OLD,
        max_age=retention_days * 86400.0,
        duplicate_window=dedup_window_seconds,
        num_replicas=replicas,
        deny_delete=True,
        deny_purge=True,
    )


def checkpoint_stream_config(replicas: int) -> StreamConfig:
    # The audit service's tree heads, held where the audit database cannot rewrite them: nothing is
    # deleted, purged or aged out, so a head deleted from the store and sealed again is seen.
    return StreamConfig(
        name=CHECKPOINT_STREAM,
        subjects=CHECKPOINT_SUBJECTS,
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        discard=DiscardPolicy.NEW,
        duplicate_window=120,
        num_replicas=replicas,
        deny_delete=True,
        deny_purge=True,
    )


def dead_letter_stream_config(replicas: int) -> StreamConfig:
    return StreamConfig(
        name=DEAD_LETTER_STREAM,
        subjects=[f"{DEAD_LETTER_PREFIX}.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        duplicate_window=120,
        num_replicas=replicas,
        deny_delete=True,
    )


def receipts_stream_config(replicas: int) -> StreamConfig:
    # A producer's receipts are its own copy of what became of its messages; the record itself is
    # the events stream, so receipts may age out (a year) once read or not.
    return StreamConfig(
        name=RECEIPTS_STREAM,
        subjects=[f"{RECEIPTS_PREFIX}.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        duplicate_window=120,
        max_age=366 * 24 * 3600,
        num_replicas=replicas,
        deny_delete=True,
        deny_purge=True,
    )


async def ensure_stream(js: JetStreamContext, config: StreamConfig) -> None:
    try:
        await js.stream_info(config.name or "")
    except NotFoundError:
        try:
            await js.add_stream(config)
            return
        except BadRequestError:
            pass  # another service created it between our two calls
    await js.update_stream(config)


async def ensure_streams(
    js: JetStreamContext, replicas: int = 1, dedup_window_seconds: float = 120,
    retention_days: int = DEFAULT_RETENTION_DAYS,
) -> None:
    # The events stream first: a store made before the checkpoints had their own stream gives
    # their subjects up before the checkpoints stream takes them.
    await ensure_stream(js, event_stream_config(replicas, dedup_window_seconds, retention_days))
    await ensure_stream(js, checkpoint_stream_config(replicas))
    await ensure_stream(js, dead_letter_stream_config(replicas))
    await ensure_stream(js, receipts_stream_config(replicas))


async def streams_exist(js: JetStreamContext, service: str) -> None:
    """Wait for the operator's streams (a service without stream administration cannot make them):
    the ones this service uses, which are the ones its NATS user may ask about."""
    names = [STREAM_NAME, DEAD_LETTER_STREAM] + ([CHECKPOINT_STREAM] if service == "audit" else [])
    names += [RECEIPTS_STREAM] if service == "identification" else []
    for attempt in range(60):
        try:
            for name in names:
                await js.stream_info(name)
            return
        except NotFoundError:
            if attempt == 59:
                raise
            await asyncio.sleep(1)
