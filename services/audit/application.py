"""The audit service layer: every integration event recorded once, per cadre and per case, and every
service's access records kept in the access log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from services.audit.domain.access_log import ReportedAccess
from services.audit.domain.case_file import CaseFile
from services.audit.domain.errors import RecordNotFoundError
from services.audit.domain.filing import AnnualFiling
from services.audit.domain.record import CadreRecord
from shared.access.acting import Acting
from shared.clock import Clock, SystemClock
from shared.eventstore.application import ServiceApplication

A = TypeVar("A", bound=Aggregate)


class AuditRecords(ServiceApplication):
    name = "audit"
    # When the record learns of an entry (its second time axis); bootstrap gives the service's clock.
    clock: Clock = SystemClock()

    def record_event(self, cadre_id: str, entry: dict[str, Any], tracking: Tracking | None) -> None:
        """Append one integration event to the cadre's record and, when it belongs to one, the case's."""
        entry = {**entry, "recorded_at": self.clock.now().isoformat()}
        record = self.get_or_none(CadreRecord, CadreRecord.create_id(cadre_id))
        record = record or CadreRecord(cadre_id=cadre_id)
        if not record.record(entry):
            self.save(tracking=tracking)
            return
        changed: list[Aggregate] = [record]
        case_id = record.case_of(entry)
        if case_id is not None:
            case = self.get_or_none(CaseFile, CaseFile.create_id(case_id))
            if case is None:
                case = CaseFile(case_id=case_id, cadre_id=cadre_id)
                concern_id = record.links.concern_of(entry) or _concern_named_by(entry)
                # The identification stage happened before the case existed: file it with the case.
                for earlier in record.entries_of_concern(concern_id) if concern_id else []:
                    case.record(earlier)
            case.record(entry)
            changed.append(case)
        self.save(*changed, tracking=tracking)

    def timeline(self, cadre_id: str, as_of: datetime | None = None,
                 as_known_at: datetime | None = None) -> list[dict[str, Any]]:
        """The cadre's full record, or what was in effect at `as_of` as known at `as_known_at`."""
        return self.cadre_record(cadre_id).timeline(as_of, as_known_at)

    def cadre_record(self, cadre_id: str) -> CadreRecord:
        record = self.get_or_none(CadreRecord, CadreRecord.create_id(cadre_id), to_read=True)
        if record is None:
            raise RecordNotFoundError(f"nothing is recorded about cadre {cadre_id}")
        return record

    def case_file(self, case_id: str) -> CaseFile:
        case = self.get_or_none(CaseFile, CaseFile.create_id(case_id), to_read=True)
        if case is None:
            raise RecordNotFoundError(f"nothing is recorded about case {case_id}")
        return case

    def record_reported_access(self, event_id: str, record: dict[str, Any],
                               tracking: Tracking | None) -> None:
        """Keep another service's access record in the access log (never in a cadre's timeline: it is
        about who looked at the record, not part of it)."""
        if self.get_or_none(ReportedAccess, ReportedAccess.create_id(record)) is not None:
            self.save(tracking=tracking)  # the inbox already stops duplicates; this guards a re-publish
            return
        self.save(ReportedAccess(event_id=event_id, record=record), tracking=tracking)

    def filing(self, org_dept: str, year: int) -> AnnualFiling:
        return self.get_or_none(AnnualFiling, AnnualFiling.create_id(org_dept, year)) or AnnualFiling(
            org_dept=org_dept, year=year)

    def submit_filing(self, org_dept: str, year: int, by: str, on: date, adjustments: int,
                      digest: str, acting: Acting | None = None,
                      checkpoint: dict[str, Any] | None = None) -> AnnualFiling:
        """Record that the department filed its year's record with the upper level."""
        filing = self.filing(org_dept, year)
        filing.submit(by=by, on=on, adjustments=adjustments, digest=digest, checkpoint=checkpoint)
        self.save(filing, acting=acting)
        return filing

    def acknowledge_filing(self, org_dept: str, year: int, by: str, on: date,
                           acting: Acting | None = None) -> AnnualFiling:
        """Record the upper level's acknowledgement of a submitted filing."""
        filing = self.filing(org_dept, year)
        filing.acknowledge(by=by, on=on)
        self.save(filing, acting=acting)
        return filing

    def flag_overdue_filing(self, org_dept: str, year: int, today: date) -> bool:
        """Flag the filing overdue once the end of January has passed without a submission."""
        filing = self.filing(org_dept, year)
        if not filing.flag_if_overdue(today):
            return False
        self.save(filing)
        return True

    def get_or_none(self, cls: type[A], aggregate_id: UUID, *, to_read: bool = False) -> A | None:
        try:
            # A read never mutates the aggregate, so the cached one is lent rather than copied.
            aggregate: Aggregate = self.repository.get(aggregate_id, deepcopy_from_cache=not to_read)
        except AggregateNotFoundError:
            return None
        assert isinstance(aggregate, cls)
        return aggregate


def _concern_named_by(entry: dict[str, Any]) -> str | None:
    details = (entry.get("data") or {}).get("details")
    concern_id = details.get("concern_id") if isinstance(details, dict) else None
    return str(concern_id) if concern_id else None
