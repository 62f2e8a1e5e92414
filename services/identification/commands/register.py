"""The cadre register kept here: bulk imports, the personnel system's changes, and the moves the
lifecycle makes (an executed adjustment, a correction on appeal, a reinstatement).

The register lives in the identification service because every signal is resolved to a cadre
here, where producers deliver: the authority over each signal and concern is read from it, and
the other services hear about it only through the events it publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from eventsourcing.persistence import Tracking

from services.identification.commands.base import ConcernsBase, IntakeResult, UnitOfWork
from services.identification.domain.errors import (
    ConcernStepRefusedError,
    NotFoundError,
    UnknownCadreError,
)
from services.identification.domain.register.cadre_record import CadreRecord, UnitRegister
from services.identification.domain.register.entry import AuthorityHeld, PostHeld, RegisterEntry
from services.identification.domain.signal import Signal
from services.identification.domain.values import CadreSnapshot, Citation, SignalReport
from shared.access.acting import Acting

PERSONNEL = "personnel"


@dataclass
class ImportOutcome:
    registered: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0


class RegisterCommands(ConcernsBase):
    def cadre_record(self, cadre_id: str, uow: UnitOfWork | None = None) -> CadreRecord | None:
        return (uow or UnitOfWork(self)).get(CadreRecord, CadreRecord.create_id(cadre_id))

    def import_register(self, entries: list[RegisterEntry], on: date, source_ref: str,
                        tracking: Tracking | None = None, acting: Acting | None = None) -> ImportOutcome:
        """Every entry in one commit: all of a file is applied or none of it. An entry the
        register already states as it is changes nothing, so re-importing a file is harmless."""
        uow = UnitOfWork(self, acting)
        outcome = ImportOutcome()
        for unit in sorted({e.authority.managing_unit for e in entries}):
            if uow.get(UnitRegister, UnitRegister.create_id(unit)) is None:
                uow.add(UnitRegister(unit_id=unit))
        for entry in entries:
            record = self.cadre_record(entry.cadre_id, uow)
            if record is None:
                uow.add(CadreRecord.register(entry, on, PERSONNEL, source_ref))
                outcome.registered.append(entry.cadre_id)
                continue
            changed = record.reconcile(entry, on, source_ref)
            if changed:
                uow.add(record)
                outcome.changed[entry.cadre_id] = changed
            else:
                outcome.unchanged += 1
        uow.commit(tracking)
        return outcome

    def move_cadre(self, cadre_id: str, *, post: str | None, rank: str | None, level: str | None,
                   unit_id: str | None, state: str, effective_on: date, reason: str,
                   tracking: Tracking | None = None, moves: bool = True) -> bool:
        """The cadre holds the post the lifecycle decided; a cadre not on the register is left
        as the record of their case describes them (nothing to move)."""
        uow = UnitOfWork(self)
        record = self.cadre_record(cadre_id, uow)
        if record is not None and moves:
            current = record.post
            moved = PostHeld(post=post or current["post"], unit_id=unit_id or current["unit_id"],
                             rank=rank or current["rank"], level=level or current["level"],
                             role=current["role"])
            record.change_post(moved, effective_on, reason, reason, state=state)
            uow.add(record)
        uow.commit(tracking)
        return record is not None

    def change_authority(self, cadre_id: str, authority: AuthorityHeld, effective_on: date,
                         source_ref: str, tracking: Tracking | None = None) -> None:
        uow = UnitOfWork(self)
        record = self._known(uow, cadre_id)
        record.change_authority(authority, effective_on, source_ref)
        uow.add(record)
        uow.commit(tracking)

    def change_post(self, cadre_id: str, post: PostHeld, state: str, effective_on: date, reason: str,
                    source_ref: str, tracking: Tracking | None = None) -> None:
        uow = UnitOfWork(self)
        record = self._known(uow, cadre_id)
        if record.post != post.as_dict() or record.state != state:
            record.change_post(post, effective_on, reason, source_ref, state=state)
            uow.add(record)
        uow.commit(tracking)

    def leave(self, cadre_id: str, state: str, effective_on: date, reason: str, source_ref: str,
              tracking: Tracking | None = None) -> None:
        uow = UnitOfWork(self)
        record = self._known(uow, cadre_id)
        if record.state != state:
            record.change_state(state, effective_on, reason, source_ref)
            uow.add(record)
        uow.commit(tracking)

    def resolve_signal(self, signal_id: UUID, cadre_id: str, resolved_by: str,
                       acting: Acting | None = None) -> IntakeResult:
        """The department names the registered cadre an unresolved signal is about; the signal
        then opens or joins that cadre's concern under the register's authority."""
        uow = UnitOfWork(self, acting)
        signal = uow.get(Signal, signal_id)
        if signal is None:
            raise NotFoundError(f"no signal {signal_id}")
        if not signal.unresolved:
            raise ConcernStepRefusedError(
                f"signal {signal_id} is not waiting to be resolved / 该信号无需认定干部")
        record = self._known(uow, cadre_id)
        managing, co_managing = record.managing_units
        signal.resolve(record.snapshot(), managing, co_managing, resolved_by)
        report = SignalReport(
            signal_id=signal.signal_id, source_system=signal.source_system, channel=signal.channel,
            reporter=signal.reporter, cadre=CadreSnapshot(**record.snapshot()), managing_unit=managing,
            co_managing_unit=co_managing, citation=Citation(**signal.citation), summary=signal.summary,
            reported_at=signal.reported_at, evidence_refs=tuple(signal.evidence_refs),
            matter_ref=signal.matter_ref)
        uow.add(signal)
        result = self.join_concern(uow, signal, report)
        uow.commit()
        return result

    def _known(self, uow: UnitOfWork, cadre_id: str) -> CadreRecord:
        record = self.cadre_record(cadre_id, uow)
        if record is None:
            raise UnknownCadreError(f"cadre_id: {cadre_id} is not on the register / 干部名册中无此干部")
        return record
