"""The audit service layer: every integration event recorded once in the cadre's record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from services.audit.domain.errors import RecordNotFoundError
from services.audit.domain.record import CadreRecord
from shared.eventstore.application import ServiceApplication


class AuditRecords(ServiceApplication):
    name = "audit"

    def record_event(self, cadre_id: str, entry: dict[str, Any], tracking: Tracking | None) -> None:
        """Append one integration event to the cadre's documentary record."""
        record = self._record_of(cadre_id)
        if record is None:
            record = CadreRecord(cadre_id=cadre_id)
        record.record(entry)
        self.save(record, tracking=tracking)

    def timeline(self, cadre_id: str, as_of: datetime | None = None) -> list[dict[str, Any]]:
        """The cadre's full record, or as it stood at `as_of`."""
        record = self._record_of(cadre_id)
        if record is None:
            raise RecordNotFoundError(f"nothing is recorded about cadre {cadre_id}")
        return record.timeline(as_of)

    def _record_of(self, cadre_id: str) -> CadreRecord | None:
        try:
            record: CadreRecord = self.repository.get(CadreRecord.create_id(cadre_id))
        except AggregateNotFoundError:
            return None
        return record
