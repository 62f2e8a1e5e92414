"""The audit read model: follows the service's own notification log and keeps, in memory, every
cadre's and case's entries, whom each cadre's record answers to and the access log, so access
decisions, statistics, filings and compliance queries never replay aggregates one by one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from uuid import UUID

from services.audit.adapters.log_rows import event_topic
from services.audit.application import AuditRecords
from services.audit.domain.access import RecordAuthority
from services.audit.domain.access_log import (
    LogEntry,
    ReportedAccess,
    own_entry,
    pre_policy_entry,
    reported_entry,
)
from services.audit.domain.case_file import CaseFile
from services.audit.domain.dossier import State, case_state
from services.audit.domain.entries import Entry
from services.audit.domain.errors import DamagedRowError
from services.audit.domain.reading import SupervisorRead
from services.audit.domain.record import CadreRecord
from shared.access.record import AccessRecord

log = logging.getLogger(__name__)
PAGE = 1000


class AuditReadModel:
    def __init__(self, app: AuditRecords) -> None:
        self.app = app
        self.position = 0
        self._lock = threading.Lock()
        self.cadre_of: dict[UUID, str] = {}
        self.case_of: dict[UUID, tuple[str, str]] = {}
        self.cadre_entries: dict[str, list[Entry]] = {}
        self.case_entries: dict[str, list[Entry]] = {}
        self.case_cadre: dict[str, str] = {}
        self.entry_position: dict[str, int] = {}
        self.authority: dict[str, RecordAuthority] = {}
        self.log: list[LogEntry] = []
        self.damaged: list[int] = []  # log positions of rows left out as damaged
        # Each case's folded state, made when first asked for after its last entry; a state is
        # never changed once made (a new entry drops it), so callers may keep reading one.
        self._states: dict[str, State] = {}
        self._apply: dict[str, Callable[[int, Any], None]] = {
            event_topic(CadreRecord, "Started"): self._cadre_started,
            event_topic(CadreRecord, "EntryRecorded"): self._cadre_entry,
            event_topic(CaseFile, "Opened"): self._case_opened,
            event_topic(CaseFile, "EntryRecorded"): self._case_entry,
            event_topic(AccessRecord, "Recorded"): self._own_access,
            event_topic(ReportedAccess, "Recorded"): self._reported_access,
            event_topic(SupervisorRead, "Recorded"): self._pre_policy_read,
        }

    def catch_up(self) -> None:
        """Apply whatever the log holds beyond the position reached (cheap when up to date)."""
        with self._lock:
            while True:
                page = self.app.process_recorder.select_notifications(
                    self.position, PAGE, topics=list(self._apply), inclusive_of_start=False)
                for notification in page:
                    try:
                        domain_event = self.app.mapper.to_domain_event(notification)
                        self._apply[notification.topic](notification.id, domain_event)
                    except (DamagedRowError, KeyError) as error:
                        # A row not as the service wrote it (or about a record that has none of
                        # its own rows): left out here, named by verification.
                        log.warning("read model leaves out row %s: %s", notification.id, error)
                        self.damaged.append(notification.id)
                    self.position = notification.id
                if len(page) < PAGE:
                    return

    def _cadre_started(self, position: int, event: Any) -> None:
        self.cadre_of[event.originator_id] = event.cadre_id
        self.cadre_entries.setdefault(event.cadre_id, [])

    def _cadre_entry(self, position: int, event: Any) -> None:
        cadre_id = self.cadre_of[event.originator_id]
        self.cadre_entries[cadre_id].append(event.entry)
        self.authority[cadre_id] = self.authority.get(cadre_id, RecordAuthority()).with_entry(event.entry)
        self.entry_position[str(event.entry["event_id"])] = position

    def _case_opened(self, position: int, event: Any) -> None:
        self.case_of[event.originator_id] = (event.case_id, event.cadre_id)
        self.case_entries.setdefault(event.case_id, [])
        self.case_cadre[event.case_id] = event.cadre_id
        self._states.pop(event.case_id, None)

    def _case_entry(self, position: int, event: Any) -> None:
        case_id = self.case_of[event.originator_id][0]
        self.case_entries[case_id].append(event.entry)
        self._states.pop(case_id, None)

    def _own_access(self, position: int, event: Any) -> None:
        self.log.append({**own_entry(event.originator_id, event), "position": position})

    def _reported_access(self, position: int, event: Any) -> None:
        self.log.append({**reported_entry(event.record), "position": position})
        self.entry_position[str(event.event_id)] = position

    def _pre_policy_read(self, position: int, event: Any) -> None:
        self.log.append({**pre_policy_entry(event.originator_id, event), "position": position})

    def case_states(self) -> list[State]:
        """Every case's state (the periodic filing scan asks every few seconds: only the cases
        with new entries are folded again)."""
        self.catch_up()
        with self._lock:
            for case_id, entries in self.case_entries.items():
                if case_id not in self._states:
                    self._states[case_id] = case_state(case_id, self.case_cadre[case_id], list(entries))
            return [self._states[c] for c in self.case_entries]

    def cadres(self) -> dict[str, list[Entry]]:
        self.catch_up()
        with self._lock:
            return {c: list(es) for c, es in self.cadre_entries.items()}

    def authority_of(self, cadre_id: str) -> RecordAuthority:
        """Whom the cadre's record answers to: its managing units, apart from the cadre's post unit."""
        self.catch_up()
        with self._lock:
            return self.authority.get(cadre_id, RecordAuthority())

    def authorities(self) -> dict[str, RecordAuthority]:
        self.catch_up()
        with self._lock:
            return dict(self.authority)

    def position_of(self, event_id: str) -> int | None:
        self.catch_up()
        return self.entry_position.get(event_id)

    def access_log(self) -> list[LogEntry]:
        """Every service's refusals and supervisory reads, in the order the audit recorded them."""
        self.catch_up()
        with self._lock:
            return list(self.log)
