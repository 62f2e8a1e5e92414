"""One transaction that stores a batch's tracking records and events, in as few round trips as
the ordering guarantee allows.

Insert order must equal commit order, or a log reader (the outbox relay) could step over an event
for good; so, as the library does, the events table is locked first (one lock order for every
writer). The lock, its timeout and the NOTIFY that wakes the library's subscribers go in one
round trip; the events in one INSERT of four parallel arrays, which psycopg sends in binary from
C (the library's function takes an array of a composite type, which psycopg builds as text in
Python: measured here at an eighth of a signal's whole cost).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventsourcing.persistence import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    StoredEvent,
    Tracking,
)
from eventsourcing.postgres import PostgresProcessRecorder
from eventsourcing.utils import retry
from psycopg import Cursor
from psycopg.sql import SQL, Composed, Identifier, Literal


@lru_cache(maxsize=64)
def _statements(schema: str, table: str, channel: str, id_type: str,
                lock_timeout: int) -> tuple[bytes, Composed]:
    lock = SQL("SET LOCAL lock_timeout = {timeout}; LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE; "
               "NOTIFY {channel}").format(
        timeout=Literal(f"{lock_timeout}s"), schema=Identifier(schema), table=Identifier(table),
        channel=Identifier(channel))
    insert = SQL(
        "INSERT INTO {schema}.{table} (originator_id, originator_version, topic, state) "
        "SELECT * FROM unnest(%b::{id_type}[], %b::bigint[], %b::text[], %b::bytea[]) "
        "RETURNING notification_id"
    ).format(schema=Identifier(schema), table=Identifier(table), id_type=SQL(id_type))
    return lock.as_string().encode(), insert


@retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
def write(
    recorder: PostgresProcessRecorder, stored: Sequence[StoredEvent], trackings: Sequence[Tracking]
) -> list[int]:
    """Tracking records and events in one transaction; IntegrityError if any tracking exists."""
    datastore = recorder.datastore
    lock, insert = _statements(datastore.schema, recorder.events_table_name, recorder.channel_name,
                               datastore.originator_id_type, datastore.lock_timeout)
    with datastore.transaction(commit=True) as curs:
        if stored:
            curs.execute(lock)  # no parameters: the three statements go as one simple query
        _insert_trackings(recorder, curs, trackings)
        if not stored:
            return []
        curs.execute(insert, (
            [s.originator_id for s in stored], [s.originator_version for s in stored],
            [s.topic for s in stored], [s.state for s in stored],
        ), prepare=True)
        return [row["notification_id"] for row in curs.fetchall()]


def _insert_trackings(
    recorder: PostgresProcessRecorder, curs: Cursor[Any], trackings: Sequence[Tracking]
) -> None:
    if len(trackings) == 1:
        recorder._insert_tracking(curs, trackings[0])  # noqa: SLF001
        return
    if not trackings:
        return
    names = [t.application_name for t in trackings]
    if len(set(names)) != len(names):
        raise IntegrityError("one message twice in one transaction")
    table = (Identifier(recorder.datastore.schema), Identifier(recorder.tracking_table_name))
    rows = (names, [t.notification_id for t in trackings])
    if not recorder.datastore.single_row_tracking:
        recorder._check_has_multi_row_tracking_table(curs)  # noqa: SLF001
        # One row per record: an existing one violates the primary key (IntegrityError).
        curs.execute(SQL("INSERT INTO {0}.{1} (application_name, notification_id) "
                         "SELECT * FROM unnest(%s::text[], %s::bigint[])").format(*table), rows)
        return
    # The library's single-row statement, for many rows at once: a row is returned only where
    # the record is new or moves a position forward.
    statement = SQL(
        "INSERT INTO {0}.{1} AS t (application_name, notification_id) "
        "SELECT * FROM unnest(%s::text[], %s::bigint[]) "
        "ON CONFLICT (application_name) DO UPDATE SET notification_id = EXCLUDED.notification_id "
        "WHERE t.notification_id < EXCLUDED.notification_id RETURNING t.application_name"
    ).format(*table)
    curs.execute(statement, rows, prepare=True)
    if len(curs.fetchall()) != len(names):
        raise IntegrityError(f"already processed: some of {len(names)} tracking records exist")
