"""What every part of the identification service layer shares: loading, a unit of work, packs,
the working-day calendar and the intake of one signal into a cadre's concern."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from services.identification.deadline_board import DeadlineBoard
from services.identification.domain.cadre_concerns import CadreConcerns
from services.identification.domain.concern import Concern
from services.identification.domain.errors import ConcernNotFoundError, UnknownCadreError
from services.identification.domain.reform_filing import ReformFiling
from services.identification.domain.signal import Signal
from services.identification.domain.values import SignalReport
from services.identification.register_authority import resolve_in_register
from shared.access.acting import Acting
from shared.calendar import WorkingDayCalendar
from shared.clock import Clock, SystemClock
from shared.eventstore.application import ServiceApplication
from shared.policy import PackRegistry
from shared.reference.library import ReferenceLibrary

A = TypeVar("A", bound=Aggregate)


@dataclass(frozen=True)
class IntakeResult:
    signal_id: UUID
    concern_id: UUID | None
    duplicate: bool
    deferred_by: str | None = None
    unresolved: bool = False


class UnitOfWork:
    """Aggregates changed by one command, saved together (with the inbox record) in one commit.

    A later step of the same command sees the earlier steps' unsaved aggregates, so two rule
    hits about one cadre in one feed record open one concern, not two.
    """

    def __init__(self, app: ServiceApplication, acting: Acting | None = None) -> None:
        self.app = app
        self.acting = acting  # the authenticated principal whose command this is, if a person's
        self.pending: dict[UUID, Aggregate] = {}

    def get(self, cls: type[A], aggregate_id: UUID) -> A | None:
        found = self.pending.get(aggregate_id)
        if found is None:
            try:
                found = self.app.repository.get(aggregate_id)
            except AggregateNotFoundError:
                return None
        assert isinstance(found, cls)
        return found

    def add(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            self.pending[aggregate.id] = aggregate

    def commit(self, tracking: Tracking | None = None) -> None:
        self.app.save(*self.pending.values(), tracking=tracking, acting=self.acting)


class ConcernsBase(ServiceApplication):
    reference: ReferenceLibrary
    deadlines: DeadlineBoard
    # Every cadre must be on the register before a signal about them opens a concern.
    register_required: bool = False
    clock: Clock = SystemClock()

    @property
    def packs(self) -> PackRegistry:
        """Every pack version loaded: the packs directory and what operators loaded since."""
        return self.reference.packs

    @property
    def calendar(self) -> WorkingDayCalendar:
        """The official working-day calendar as it stands today (operators' uploads included)."""
        return self.reference.calendar_on(self.clock.today())

    def latest_pack_id(self, uow: UnitOfWork, cadre_id: str) -> str | None:
        """The pack of the cadre's latest concern, if any."""
        index = uow.get(CadreConcerns, CadreConcerns.create_id(cadre_id))
        if index is None or not index.concern_ids:
            return None
        concern = uow.get(Concern, index.concern_ids[-1])
        return concern.citations[0]["pack_id"] if concern is not None else None

    def get_concern(self, concern_id: UUID) -> Concern:
        concern = UnitOfWork(self).get(Concern, concern_id)
        if concern is None:
            raise ConcernNotFoundError(f"no concern {concern_id}")
        return concern

    def concerns_of(self, cadre_id: str) -> list[Concern]:
        """A cadre's concerns, oldest first."""
        index = UnitOfWork(self).get(CadreConcerns, CadreConcerns.create_id(cadre_id))
        return [self.get_concern(c) for c in index.concern_ids] if index else []

    def latest_snapshot(self, uow: UnitOfWork, cadre_id: str) -> tuple[dict[str, Any], str]:
        """Who the cadre is and who manages them, from the cadre's latest concern."""
        index = uow.get(CadreConcerns, CadreConcerns.create_id(cadre_id))
        if index is None or not index.concern_ids:
            raise UnknownCadreError(f"cadre_id: no concern about {cadre_id} is on record")
        concern = uow.get(Concern, index.concern_ids[-1])
        assert concern is not None
        return concern.cadre, concern.managing_unit

    def intake(self, uow: UnitOfWork, report: SignalReport) -> IntakeResult:
        """Record a signal once, and open or join the cadre's open concern (or defer it)."""
        signal_id = Signal.create_id(report.source_system, report.signal_id, report.id_space)
        existing = uow.get(Signal, signal_id)
        if existing is not None:  # a re-sent signal: nothing new
            return IntakeResult(signal_id, existing.concern_id, True, existing.deferred_by,
                                existing.unresolved)
        resolved = resolve_in_register(uow, report, required=self.register_required)
        if resolved is None:
            signal = Signal.receive(report)
            signal.leave_unresolved("register.unknown_cadre")
            uow.add(signal)
            return IntakeResult(signal.id, None, False, unresolved=True)
        report = resolved
        signal = Signal.receive(report)
        uow.add(signal)
        if report.reform_ref and self._defer_for_reform(uow, signal, report.reform_ref):
            return IntakeResult(signal.id, None, False, report.reform_ref)
        return self.join_concern(uow, signal, report)

    def join_concern(self, uow: UnitOfWork, signal: Signal, report: SignalReport) -> IntakeResult:
        """Open the cadre's concern with the signal, or join the open one."""
        index = uow.get(CadreConcerns, CadreConcerns.create_id(report.cadre.cadre_id))
        index = index or CadreConcerns(cadre_id=report.cadre.cadre_id)
        concern = uow.get(Concern, index.open_concern_id) if index.open_concern_id else None
        if concern is None:
            concern = Concern(
                cadre=report.cadre.as_dict(), managing_unit=report.managing_unit,
                first_signal_id=str(signal.id), citation=report.citation.as_dict(),
                co_managing_unit=report.co_managing_unit, first_signal=report.key(),
            )
            index.add(concern.id)
        else:
            concern.join(str(signal.id), report.citation.as_dict(), report.key())
        if report.matter_ref:
            concern.note_matter(report.matter_ref)
        signal.attach_to(concern.id)
        uow.add(concern, index)
        return IntakeResult(signal.id, concern.id, duplicate=False)

    def _defer_for_reform(self, uow: UnitOfWork, signal: Signal, reform_ref: str) -> bool:
        try:
            filing = uow.get(ReformFiling, UUID(reform_ref))
        except ValueError:
            filing = None
        if filing is None or not filing.registered:
            return False  # no registered filing: the petition is handled as any other
        filing.defer_petition(str(signal.id))
        signal.defer(reform_ref)
        uow.add(filing)
        return True

    def close_in_index(self, uow: UnitOfWork, concern: Concern) -> None:
        index = uow.get(CadreConcerns, CadreConcerns.create_id(concern.cadre_id))
        assert index is not None
        index.close(concern.id)
        uow.add(index)
