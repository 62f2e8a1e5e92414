"""Whether the service's database answers, watched once a second, so requests fail fast while it
does not.

Without this, a request made while PostgreSQL is down waits for the pool's connect timeout on
every one of the store's retries (minutes) and ties up a worker thread all that time. The gate is
closed by the probe, or at once by a request that met a connection error, and opened again by the
first probe that gets an answer; while it is closed every API call answers 503 naming the reason,
at once. After the database returns, the pool's broken connections are checked and replaced, so
the service is whole again within seconds and without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError
from psycopg_pool import PoolTimeout

log = logging.getLogger(__name__)

# What a lost or refused database connection raises, at each layer it can surface from.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout,
)


@dataclass
class DatabaseGate:
    probe: Callable[[], None]
    on_recovered: Callable[[], None] = lambda: None
    interval: float = 1.0
    reason: str | None = None
    closed_at: float | None = field(default=None)

    @property
    def is_open(self) -> bool:
        return self.reason is None

    def close(self, reason: str) -> None:
        if self.reason is None:
            log.warning("database unavailable: %s", reason)
            self.closed_at = time.monotonic()
        self.reason = reason[:300]

    def check(self) -> None:
        """One probe (blocking; run in a thread)."""
        try:
            self.probe()
        except Exception as error:  # any failure to answer means unavailable
            self.close(f"{error.__class__.__name__}: {error}".strip())
            return
        if self.reason is not None:
            log.info("database available again after %.1f s",
                     time.monotonic() - (self.closed_at or time.monotonic()))
            try:
                self.on_recovered()
            finally:
                self.reason = None
                self.closed_at = None

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.to_thread(self.check)
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
            except TimeoutError:
                pass


class PostgresProbe:
    """`SELECT 1` on a connection of its own, kept while it works: a probe each second must not
    cost the server a new backend each second. A failure drops it; the next probe connects anew,
    which is what the pool's next connection would meet."""

    def __init__(self, conninfo: dict[str, object], timeout: int = 1) -> None:
        self.conninfo, self.timeout = conninfo, timeout
        self.conn: psycopg.Connection[tuple[object, ...]] | None = None

    def __call__(self) -> None:
        try:
            if self.conn is None or self.conn.closed:
                self.conn = psycopg.connect(**self.conninfo, connect_timeout=self.timeout,  # type: ignore[arg-type]
                                            autocommit=True)
            self.conn.execute("SELECT 1")
        except Exception:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            raise


def postgres_probe(conninfo: dict[str, object], timeout: int = 1) -> Callable[[], None]:
    return PostgresProbe(conninfo, timeout)
