"""Raw infrastructure baselines, measured against the same servers in the same run.

PostgreSQL: INSERT of event-shaped rows (the eventsourcing stored-events layout: originator id,
version, topic, state bytes, notification id) with psycopg, one row per commit and 100 per commit;
reads of 500 rows of one originator and a scan in notification order. NATS: JetStream async
publish of 300-byte messages in windows, and a durable pull consumer fetching 256 and acking each.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import nats
import psycopg
from nats.js.api import AckPolicy, ConsumerConfig, StorageType, StreamConfig

from bench.timing import p99

ROW_STATE = os.urandom(300)  # an event's JSON state is a few hundred bytes
TOPIC = "services.audit.domain.record:CadreRecord.EntryRecorded"

CREATE = """
CREATE TABLE IF NOT EXISTS bench_raw.events (
  originator_id uuid NOT NULL, originator_version bigint NOT NULL, topic text, state bytea,
  notification_id bigserial, PRIMARY KEY (originator_id, originator_version));
CREATE UNIQUE INDEX IF NOT EXISTS bench_raw_events_nid ON bench_raw.events (notification_id);
"""
INSERT = "INSERT INTO bench_raw.events (originator_id, originator_version, topic, state) " \
         "VALUES (%s, %s, %s, %s)"


def prepare_postgres(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS bench_raw")
        conn.execute(CREATE)


def pg_insert_one_per_commit(dsn: str, rows: int) -> tuple[float, float]:
    """Rows/s and p99 commit latency (ms), each row its own transaction."""
    latencies = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        originator = uuid.uuid4()
        start = time.perf_counter()
        for version in range(rows):
            begun = time.perf_counter()
            conn.execute(INSERT, (originator, version, TOPIC, ROW_STATE), prepare=True)
            latencies.append(time.perf_counter() - begun)
        elapsed = time.perf_counter() - start
    return rows / elapsed, p99(latencies) * 1000


def pg_insert_hundred_per_commit(dsn: str, rows: int) -> float:
    """Rows/s, 100 rows per transaction (one executemany each)."""
    with psycopg.connect(dsn) as conn:
        start = time.perf_counter()
        for first in range(0, rows, 100):
            originator = uuid.uuid4()
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(INSERT, [(originator, v, TOPIC, ROW_STATE)
                                         for v in range(first, first + 100)])
        elapsed = time.perf_counter() - start
    return rows / elapsed


def pg_select_one_originator(dsn: str, events: int, reads: int) -> float:
    """p99 (ms) of reading one originator's `events` rows in version order."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        originator = uuid.uuid4()
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany(INSERT, [(originator, v, TOPIC, ROW_STATE) for v in range(events)])
        latencies = []
        for _ in range(reads):
            begun = time.perf_counter()
            conn.execute("SELECT * FROM bench_raw.events WHERE originator_id = %s "
                         "ORDER BY originator_version", (originator,), prepare=True).fetchall()
            latencies.append(time.perf_counter() - begun)
    return p99(latencies) * 1000


def pg_scan(dsn: str, page: int = 1000) -> float:
    """Rows/s reading the whole table in notification order, a page per query (as a log reader)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        start = time.perf_counter()
        after, total = 0, 0
        while True:
            rows = conn.execute(
                "SELECT * FROM bench_raw.events WHERE notification_id > %s "
                "ORDER BY notification_id LIMIT %s", (after, page), prepare=True).fetchall()
            if not rows:
                break
            total += len(rows)
            after = rows[-1][4]
        elapsed = time.perf_counter() - start
    return total / elapsed


async def _nats_publish_consume(url: str, messages: int, window: int) -> tuple[float, float]:
    nc = await nats.connect(url)
    js = nc.jetstream()
    stream = f"BENCH_RAW_{uuid.uuid4().hex[:8]}"
    subject = f"bench.raw.{stream.lower()}"
    await js.add_stream(StreamConfig(name=stream, subjects=[subject], storage=StorageType.FILE))
    body = os.urandom(150).hex().encode()  # 300 bytes
    try:
        start = time.perf_counter()
        for first in range(0, messages, window):
            for n in range(first, min(first + window, messages)):
                await js.publish_async(subject, body, headers={"Nats-Msg-Id": f"{stream}-{n}"})
            await js.publish_async_completed()
        published = messages / (time.perf_counter() - start)

        await js.add_consumer(stream, ConsumerConfig(
            durable_name="raw", ack_policy=AckPolicy.EXPLICIT, max_ack_pending=20_000))
        sub = await js.pull_subscribe_bind(durable="raw", stream=stream)
        start = time.perf_counter()
        received = 0
        while received < messages:
            for msg in await sub.fetch(256, timeout=5):
                await msg.ack()
                received += 1
        consumed = messages / (time.perf_counter() - start)
        await js.delete_stream(stream)
    finally:
        await nc.close()
    return published, consumed


def nats_publish_consume(url: str, messages: int, window: int = 1000) -> tuple[float, float]:
    """Msgs/s of async publish in windows, then of pull-consume (fetch 256, ack each)."""
    return asyncio.run(_nats_publish_consume(url, messages, window))
