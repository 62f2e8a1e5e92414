"""The system under test, started as a user runs it (shared.runner.stack), and what the benchmark
observes from outside: JetStream consumer and stream state, and each service process's memory."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
from nats.js import JetStreamContext

from shared.contract.envelope import STREAM_NAME
from shared.runner.stack import DATABASE, SERVICES, Stack


@contextmanager
def running_stack(extra_env: dict[str, str] | None = None) -> Iterator[Stack]:
    root = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    stack = Stack(root, extra_env=dict(extra_env or {}))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


def dsn(stack: Stack) -> str:
    assert stack.postgres is not None
    return stack.postgres.dsn(DATABASE)


def nats_url(stack: Stack) -> str:
    assert stack.nats is not None
    return stack.nats.url


def urls(stack: Stack) -> dict[str, str]:
    return {name: stack.services[name].url for name in SERVICES}


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
