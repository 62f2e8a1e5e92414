"""A PostgreSQL process recorder that keeps the database-function insert path correct.

With POSTGRES_ENABLE_DB_FUNCTIONS, eventsourcing 9.5.6 inserts events through a PL/pgSQL function
but ignores the tracking record passed with them and takes no table lock. Without the tracking
record an inbound message is not marked processed in the same transaction (exactly-once breaks);
without the lock, notification ids can become visible out of order and a relay could step over an
event. This recorder calls the same function inside one transaction that first takes the table
lock and inserts the tracking record, so both guarantees hold and the fast path stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent, Tracking
from eventsourcing.postgres import PostgresProcessRecorder

TOPIC = "shared.eventstore.postgres_recorder:TrackedProcessRecorder"


class TrackedProcessRecorder(PostgresProcessRecorder):
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not self.datastore.enable_db_functions:
            return super().insert_events(stored_events, **kwargs)
        tracking: Tracking | None = kwargs.get("tracking")
        rows = [
            self.construct_pg_stored_event(
                originator_id=e.originator_id,
                originator_version=e.originator_version,
                topic=e.topic,
                state=e.state,
            )
            for e in stored_events
        ]
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            if rows:
                self._lock_table(curs)
            if tracking is not None:
                self._insert_tracking(curs, tracking)
            if not rows:
                return []
            curs.execute(self.sql_invoke_pg_function_insert_events, (rows,), prepare=True)
            return [r[self.pg_function_name_insert_events] for r in curs.fetchall()]
