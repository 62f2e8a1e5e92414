"""The identification service layer: signals in, concerns opened and joined, determinations made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import Tracking

from services.identification.domain.cadre_concerns import CadreConcerns
from services.identification.domain.concern import Concern
from services.identification.domain.errors import ConcernNotFoundError
from services.identification.domain.signal import Signal
from services.identification.domain.values import SignalReport
from shared.eventstore.application import ServiceApplication


@dataclass(frozen=True)
class IntakeResult:
    signal_id: UUID
    concern_id: UUID
    duplicate: bool


class Concerns(ServiceApplication):
    name = "identification"

    def report_circumstance(
        self, report: SignalReport, tracking: Tracking | None = None
    ) -> IntakeResult:
        """Record a signal once, and open or join the cadre's open concern."""
        signal_id = Signal.create_id(report.source_system, report.signal_id)
        try:
            existing: Signal = self.repository.get(signal_id)
        except AggregateNotFoundError:
            pass
        else:
            # A re-sent signal: nothing new, but the message still counts as processed.
            self.save(tracking=tracking)
            assert existing.concern_id is not None
            return IntakeResult(signal_id, existing.concern_id, duplicate=True)
        signal = Signal.receive(report)
        index = self._cadre_index(report.cadre.cadre_id)
        concern = self._open_concern(index)
        if concern is None:
            concern = Concern(
                cadre=report.cadre.as_dict(),
                managing_unit=report.managing_unit,
                first_signal_id=str(signal.id),
                citation=report.citation.as_dict(),
                co_managing_unit=report.co_managing_unit,
            )
            index.add(concern.id)
        else:
            concern.join(str(signal.id), report.citation.as_dict())
        signal.attach_to(concern.id)
        self.save(signal, concern, index, tracking=tracking)
        return IntakeResult(signal.id, concern.id, duplicate=False)

    def determine(
        self,
        concern_id: UUID,
        *,
        outcome: str,
        circumstances: list[dict[str, str]],
        evidence_refs: list[str],
        determined_by: str,
        determined_on: date,
    ) -> Concern:
        """Record the determination that ends verification (IM 16-17)."""
        concern = self.get_concern(concern_id)
        pack_id = circumstances[0]["pack_id"] if circumstances else concern.citations[0]["pack_id"]
        concern.determine(
            outcome=outcome,
            circumstances=circumstances,
            evidence_refs=evidence_refs,
            determined_by=determined_by,
            determined_on=determined_on,
            pack_id=pack_id,
        )
        index = self._cadre_index(concern.cadre_id)
        index.close(concern.id)
        self.save(concern, index)
        return concern

    def get_concern(self, concern_id: UUID) -> Concern:
        try:
            concern: Concern = self.repository.get(concern_id)
        except AggregateNotFoundError:
            raise ConcernNotFoundError(f"no concern {concern_id}") from None
        return concern

    def concerns_of(self, cadre_id: str) -> list[Concern]:
        """A cadre's concerns, oldest first."""
        try:
            index: CadreConcerns = self.repository.get(CadreConcerns.create_id(cadre_id))
        except AggregateNotFoundError:
            return []
        return [self.get_concern(concern_id) for concern_id in index.concern_ids]

    def _cadre_index(self, cadre_id: str) -> CadreConcerns:
        try:
            index: CadreConcerns = self.repository.get(CadreConcerns.create_id(cadre_id))
        except AggregateNotFoundError:
            index = CadreConcerns(cadre_id=cadre_id)
        return index

    def _open_concern(self, index: CadreConcerns) -> Concern | None:
        if index.open_concern_id is None:
            return None
        return self.get_concern(index.open_concern_id)
