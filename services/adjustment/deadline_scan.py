"""The periodic scan for missed deadlines: salary formalities (IM 21) and quota absorption (IM 25)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from eventsourcing.persistence import IntegrityError

from services.adjustment.adapters.open_deadlines import OpenDeadline
from services.adjustment.case_store import CaseStore
from services.adjustment.domain.errors import AdjustmentError
from services.adjustment.domain.quota import PostQuota
from shared.tracing import continued_span

log = logging.getLogger(__name__)


class DeadlineScan(CaseStore):
    def flag_missed_deadlines(self, today: date) -> int:
        """Flag each missed deadline once, in the trace that set it; returns how many."""
        salary, absorption = self.deadlines.missed(today)
        flagged = 0
        for due in salary:
            flagged += self._flag(due, "flag missed salary formalities", today)
        for due in absorption:
            flagged += self._flag(due, "flag missed quota absorption", today)
        return flagged

    def _flag(self, due: OpenDeadline, what: str, today: date) -> int:
        headers = {"traceparent": due.traceparent} if due.traceparent else {}
        with continued_span(what, headers):
            aggregate: Any
            try:
                if due.kind == "salary":
                    aggregate = self.get_case(due.aggregate_id)
                    aggregate.flag_formalities_overdue(today)
                else:
                    aggregate = self.find(due.aggregate_id, PostQuota)
                    assert aggregate is not None
                    aggregate.flag_absorption_overdue(due.case_id, today)
                self.save(aggregate)
            except AdjustmentError as error:
                # The read model trails the store by at most a write: a concurrent command
                # closed the deadline first, which the next catch-up shows.
                log.info("not flagging %s: %s", due.aggregate_id, error)
                return 0
            except IntegrityError:
                log.info("%s changed concurrently; the next scan retries", due.aggregate_id)
                return 0
        # Read our own flag at once, so an immediate second scan does not flag it again.
        self.deadlines.catch_up()
        return 1
