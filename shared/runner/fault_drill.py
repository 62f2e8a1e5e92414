"""A fault drill on a running system: signals at a steady rate while a service is SIGKILLed and
NATS and PostgreSQL are restarted, then a check that every signal is stored once and the record
is complete.

The producer behaves as a real one must: it keeps each signal until JetStream acknowledged it,
re-sending with the same message id after a timeout (JetStream's de-duplication and the
services' inboxes make the re-send harmless). The end-to-end suite runs it briefly; `python -m
bench.soak` runs it for longer and prints its figures.
"""

from __future__ import annotations

import asyncio
import collections
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import nats

from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.runner.principals import case_officer
from shared.runner.scenario import circumstance_report, wait_for
from shared.runner.stack import Stack

RECORDED = ("CircumstanceReported", "ConcernOpened")  # what each signal puts on its cadre's record


@dataclass
class DrillResult:
    sent: int
    resends: int
    seconds_sending: float
    seconds_to_complete: float  # after the last acknowledged send
    faults: list[str] = field(default_factory=list)
    duplicates: dict[tuple[str, str], int] = field(default_factory=dict)
    missing: list[tuple[str, str]] = field(default_factory=list)


def cadre_of(prefix: str, n: int) -> contract.CadreRef:
    return contract.CadreRef(cadre_id=f"{prefix}-{n:05d}", name=f"干部{n}", unit_id="u-drill",
                             post="科长", rank="正科级")


class SteadyProducer:
    """Sends one signal every 1/rate seconds from its own thread until told to stop."""

    def __init__(self, nats_url: str, prefix: str, rate: float) -> None:
        self.nats_url, self.prefix, self.rate = nats_url, prefix, rate
        self.sent = self.resends = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        nc = await nats.connect(self.nats_url, max_reconnect_attempts=-1, reconnect_time_wait=0.2,
                                connect_timeout=2)
        js = nc.jetstream(timeout=2)
        started = time.monotonic()
        n = 0
        while not self.stop.is_set():
            report = circumstance_report(cadre_of(self.prefix, n), f"{self.prefix}-sig-{n}")
            envelope = envelope_for(report, event_id=f"{self.prefix}-msg-{n}", source="discipline",
                                    cadre_id=report.cadre.cadre_id, occurred_at=report.reported_at)
            while True:  # until JetStream has it: a producer never drops a signal
                try:
                    await js.publish(envelope.subject(), encode(envelope),
                                     headers={"Nats-Msg-Id": envelope.id})
                    break
                except Exception:  # NATS restarting: the same message again, same id
                    self.resends += 1
                    await asyncio.sleep(0.2)
            n += 1
            self.sent = n
            await asyncio.sleep(max(0.0, started + n / self.rate - time.monotonic()))
        await nc.close()


def record_counts(stack: Stack, prefix: str, count: int) -> collections.Counter[tuple[str, str]]:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    auth = stack.issuer.headers(case_officer())
    with httpx.Client(base_url=stack.services["audit"].url, headers=auth, timeout=10) as client:
        for n in range(count):
            cadre_id = cadre_of(prefix, n).cadre_id
            response = client.get(f"/cadres/{cadre_id}/timeline")
            if response.status_code == 200:
                for entry in response.json()["entries"]:
                    counts[(cadre_id, entry["type"])] += 1
    return counts


def run_drill(stack: Stack, *, seconds: float, rate: float, prefix: str = "drill",
              settle_timeout: float = 120.0, log: Callable[[str], None] = lambda _: None) -> DrillResult:
    assert stack.nats is not None and stack.postgres is not None
    producer = SteadyProducer(stack.nats.url, prefix, rate)
    faults: list[str] = []
    started = time.monotonic()
    producer.thread.start()

    def at(fraction: float) -> None:
        time.sleep(max(0.0, started + seconds * fraction - time.monotonic()))

    at(0.2)
    stack.kill_service("identification")
    faults.append(f"{time.monotonic() - started:.1f}s SIGKILL identification")
    time.sleep(1)
    stack.start_service("identification")
    at(0.45)
    stack.nats.stop()
    faults.append(f"{time.monotonic() - started:.1f}s NATS stopped")
    time.sleep(1)
    stack.nats.start()
    at(0.7)
    stack.postgres.stop(kill=True)
    faults.append(f"{time.monotonic() - started:.1f}s PostgreSQL killed")
    time.sleep(1)
    stack.postgres.start()
    at(1.0)
    producer.stop.set()
    producer.thread.join(timeout=60)
    sent_done = time.monotonic()
    for line in faults:
        log(line)
    stack.wait_ready(timeout=60)
    expected = {(cadre_of(prefix, n).cadre_id, kind) for n in range(producer.sent) for kind in RECORDED}

    def complete() -> collections.Counter[tuple[str, str]] | None:
        counts = record_counts(stack, prefix, producer.sent)
        return counts if expected <= set(counts) else None

    try:
        counts = wait_for("every signal on the record", complete, timeout=settle_timeout, interval=0.5)
    except TimeoutError:
        counts = record_counts(stack, prefix, producer.sent)
    done = time.monotonic()
    return DrillResult(
        sent=producer.sent, resends=producer.resends, seconds_sending=sent_done - started,
        seconds_to_complete=done - sent_done, faults=faults,
        duplicates={key: value for key, value in counts.items() if value != 1},
        missing=sorted(expected - set(counts)),
    )
