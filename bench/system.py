"""The system under test, started as a user runs it (shared.runner.stack), and what the benchmark
observes from outside: JetStream consumer and stream state, and each service process's memory."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass

import psutil
from nats.js import JetStreamContext

from shared.contract.envelope import STREAM_NAME
from shared.runner.stack import DATABASE, Stack, temporary_stack


def running_stack(extra_env: dict[str, str] | None = None) -> AbstractContextManager[Stack]:
    return temporary_stack("cadre-bench-", extra_env)


def dsn(stack: Stack) -> str:
    assert stack.postgres is not None
    return stack.postgres.dsn(DATABASE)


def nats_url(stack: Stack) -> str:
    assert stack.nats is not None
    return stack.nats.url


@dataclass
class Drain:
    """Whether a durable consumer has acked everything in the stream it filters."""

    pending: int
    ack_pending: int
    ack_floor: int

    @property
    def drained(self) -> bool:
        return self.pending == 0 and self.ack_pending == 0


async def drain_of(js: JetStreamContext, durable: str) -> Drain:
    info = await js.consumer_info(STREAM_NAME, durable)
    floor = info.ack_floor.stream_seq if info.ack_floor and info.ack_floor.stream_seq else 0
    return Drain(info.num_pending or 0, info.num_ack_pending or 0, floor)


async def last_sequence(js: JetStreamContext) -> int:
    info = await js.stream_info(STREAM_NAME)
    return info.state.last_seq


class PeakRss:
    """Samples the resident set size of each service process in a thread; keeps the peak."""

    def __init__(self, stack: Stack, interval: float = 0.1) -> None:
        self.processes = {name: psutil.Process(service.process.pid)
                          for name, service in stack.services.items() if service.process}
        self.peak: dict[str, int] = {name: 0 for name in self.processes}
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for name, process in self.processes.items():
                try:
                    self.peak[name] = max(self.peak[name], process.memory_info().rss)
                except psutil.Error:
                    pass
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def mebibytes(self) -> dict[str, float]:
        return {name: value / 2**20 for name, value in self.peak.items()}
