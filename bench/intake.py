"""Intake: producers publish CircumstanceReported; timed until identification stored every signal
and audit recorded every resulting event (the report and identification's ConcernOpened).

Completion is observed from outside, on JetStream: a durable consumer acks a message only after
its effects committed, so "identification and audit consumers have nothing pending or unacked,
and the stream stopped growing (identification's relay has nothing left to publish)" means every
signal is stored and recorded. A sample of cadres is then checked over audit's HTTP API.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass

import httpx
import nats
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import DeliverPolicy

from bench.system import drain_of, last_sequence
from bench.timing import p99
from shared.access.dev_issuer import DevIssuer
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.runner.principals import case_officer
from shared.runner.scenario import circumstance_report

SIGNALS_PER_CADRE = 2  # the second signal joins the open concern (IM 14: one verification)


@dataclass(frozen=True)
class Signal:
    cadre_id: str
    message_id: str
    subject: str
    body: bytes


def signals(prefix: str, count: int, per_cadre: int = SIGNALS_PER_CADRE) -> list[Signal]:
    """Producer messages, encoded before the clock starts (as a producer holds them)."""
    out = []
    for n in range(count):
        cadre_id = f"{prefix}-c{n // per_cadre}"
        cadre = contract.CadreRef(cadre_id=cadre_id, name=f"干部{n // per_cadre}",
                                  unit_id=f"unit:{prefix}-{n % 97}", post="局长", rank="正处级")
        message_id = f"{prefix}-s{n}"
        report = circumstance_report(cadre, message_id, source_system="petitions",
                                     channel="supervision_results", reporter="信访系统")
        envelope = envelope_for(report, event_id=message_id, source="petitions",
                                cadre_id=cadre_id, occurred_at=report.reported_at)
        out.append(Signal(cadre_id, message_id, envelope.subject(), encode(envelope)))
    return out


async def _publish(js: JetStreamContext, batch: list[Signal]) -> None:
    for signal in batch:
        await js.publish_async(signal.subject, signal.body, headers={"Nats-Msg-Id": signal.message_id})


async def _wait_all_recorded(js: JetStreamContext, timeout: float) -> float:
    """The moment both consumers were drained and the stream had stopped growing."""
    deadline = time.monotonic() + timeout
    candidate: tuple[float, int] | None = None
    while time.monotonic() < deadline:
        seen = time.perf_counter()
        identification = await drain_of(js, "identification")
        audit = await drain_of(js, "audit")
        last = await last_sequence(js)
        if identification.drained and audit.drained:
            # The relay is woken on every write; a stream unchanged for 0.5 s has nothing coming.
            if candidate is not None and candidate[1] == last:
                if seen - candidate[0] >= 0.5:
                    return candidate[0]
            else:
                candidate = (seen, last)
        else:
            candidate = None
        await asyncio.sleep(0.05)
    raise TimeoutError("intake did not drain")


async def _throughput(url: str, batch: list[Signal], timeout: float) -> float:
    nc = await nats.connect(url)
    js = nc.jetstream(publish_async_max_pending=2000)
    try:
        start = time.perf_counter()
        await _publish(js, batch)
        await js.publish_async_completed()
        done = await _wait_all_recorded(js, timeout)
    finally:
        await nc.close()
    return len(batch) / (done - start)


def throughput(url: str, batch: list[Signal], timeout: float) -> float:
    """Signals/s from the first publish until every signal is stored and recorded."""
    return asyncio.run(_throughput(url, batch, timeout))


async def _latency(url: str, batch: list[Signal], rate: float, timeout: float) -> list[float]:
    nc = await nats.connect(url)
    js = nc.jetstream()
    published: dict[str, float] = {}
    seq_of: dict[str, int] = {}  # cadre → stream sequence of identification's ConcernOpened
    recorded: dict[str, float] = {}

    async def watch_identification(msg: Msg) -> None:
        if b'"ConcernOpened"' in msg.data:
            cadre_id = json.loads(msg.data)["cadre_id"]
            if cadre_id in published:
                seq_of.setdefault(cadre_id, msg.metadata.sequence.stream)

    watcher = await js.subscribe("cadre.identification.>", cb=watch_identification,
                                 ordered_consumer=True, deliver_policy=DeliverPolicy.NEW)
    try:
        tick = 0.01
        start = time.perf_counter()
        for n, signal in enumerate(batch):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            published[signal.cadre_id] = time.perf_counter()
            await js.publish_async(signal.subject, signal.body,
                                   headers={"Nats-Msg-Id": signal.message_id})
            if n % 50 == 0:
                await _observe(js, seq_of, recorded)
        await js.publish_async_completed()
        deadline = time.monotonic() + timeout
        while len(recorded) < len(published) and time.monotonic() < deadline:
            await _observe(js, seq_of, recorded)
            await asyncio.sleep(tick)
    finally:
        await watcher.unsubscribe()
        await nc.close()
    missing = len(published) - len(recorded)
    if missing:
        raise TimeoutError(f"{missing} signals not recorded by audit within {timeout}s")
    return [recorded[c] - published[c] for c in published]


async def _observe(js: JetStreamContext, seq_of: dict[str, int], recorded: dict[str, float]) -> None:
    floor = (await drain_of(js, "audit")).ack_floor
    now = time.perf_counter()
    for cadre_id, seq in seq_of.items():
        if seq <= floor and cadre_id not in recorded:
            recorded[cadre_id] = now


def latency_p99_ms(url: str, batch: list[Signal], rate: float, timeout: float) -> float:
    """p99 (ms) from a report's publish until audit acked identification's ConcernOpened for it
    (so both the report and the concern are recorded), at a steady `rate` of signals/s."""
    return p99(asyncio.run(_latency(url, batch, rate, timeout))) * 1000


def check_sample(audit_url: str, batch: list[Signal], issuer: DevIssuer, sample: int = 25) -> None:
    """Every sampled cadre's timeline holds its reports and the concern opened about them (read by
    the managing unit's case officer)."""
    cadres = sorted({s.cadre_id for s in batch})
    chosen = random.Random(7).sample(cadres, min(sample, len(cadres))) + [cadres[-1]]
    expected = {s.message_id for s in batch}
    with httpx.Client(base_url=audit_url, headers=issuer.headers(case_officer()), timeout=10) as client:
        for cadre_id in chosen:
            response = client.get(f"/cadres/{cadre_id}/timeline")
            response.raise_for_status()
            entries = response.json()["entries"]
            types = [e["type"] for e in entries]
            ids = {e["event_id"] for e in entries}
            mine = {s.message_id for s in batch if s.cadre_id == cadre_id}
            if not mine <= ids or "ConcernOpened" not in types:
                raise AssertionError(f"audit record of {cadre_id} incomplete: {types}")
            assert mine <= expected
