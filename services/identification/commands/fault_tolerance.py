"""Fault tolerance (容错纠错, SPEC §4.5): applications, their clocks, grants and revocations, and
correction orders (WY-FT 10(2)).

The clocks are those of the pack the application or order is handled under (the version in force
when it was made, which it keeps), counted on the official working-day calendar as it stands; a
date beyond the calendar's years raises CalendarNotCoveredError (422, naming the missing year in
Chinese and English) rather than guessing weekdays.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.correction_order import CorrectionOrder
from services.identification.domain.errors import (
    CitationRefusedError,
    CorrectionOrderNotFoundError,
    FaultToleranceNotFoundError,
)
from services.identification.domain.fault_tolerance import FaultToleranceApplication
from services.identification.domain.fault_tolerance_deadlines import ClockSet
from services.identification.domain.matter_cover import MatterCover
from services.identification.domain.values import DERIVED, CadreSnapshot, Citation, SignalReport
from shared.access.acting import Acting
from shared.clock import CHINA
from shared.policy import PolicyPack, UnknownPackError
from shared.policy.procedure_rules import FaultToleranceRules


class FaultToleranceCommands(ConcernsBase):
    def get_application(self, application_id: UUID) -> FaultToleranceApplication:
        found = UnitOfWork(self).get(FaultToleranceApplication, application_id)
        if found is None:
            raise FaultToleranceNotFoundError(f"no fault-tolerance application {application_id}")
        return found

    def _pack_in_force(self, pack_id: str, on: date) -> PolicyPack:
        try:
            return self.packs.get(pack_id, on=on)
        except UnknownPackError as error:
            raise CitationRefusedError(
                "IM 16", f"政策包 {pack_id} 在 {on} 未生效或未加载",
                f"pack {pack_id} is not in force on {on}: {error}",
                "citation.pack_id") from None

    def _ft_rules(self, pack_id: str, version: int) -> FaultToleranceRules | None:
        try:
            return self.packs.get(pack_id, version).fault_tolerance
        except UnknownPackError:
            return None

    def apply_for_tolerance(self, acting: Acting | None = None, **fields: Any) -> FaultToleranceApplication:
        """A cadre facing accountability applies (WY-FT 8(1), LG-FT 6(1)2), under the pack
        version in force on the day of the application."""
        pack = self._pack_in_force(fields["citation"]["pack_id"], fields["applied_on"])
        application = FaultToleranceApplication.apply_for(**fields, pack_id=pack.pack_id,
                                                          pack_version=pack.version)
        self.save(application, acting=acting)
        return application

    def clocks_of(self, application: FaultToleranceApplication) -> ClockSet:
        """The application's pack clocks on today's calendar."""
        return ClockSet(self._ft_rules(application.pack_id, application.pack_version), self.calendar)

    def advance_application(
        self, application_id: UUID, step: str, acting: Acting | None = None, **fields: Any
    ) -> FaultToleranceApplication:
        """One step of WY-FT 8: accept, report, hearing, decide, defer, feedback, file, revoke."""
        uow = UnitOfWork(self, acting)
        application = self.get_application(application_id)
        uow.add(application)
        calendar = self.clocks_of(application)
        if step == "accept":
            application.accept(fields["by"], fields["on"], calendar)
        elif step == "report":
            application.submit_report(fields["by"], fields["on"], fields["summary"], calendar)
        elif step == "hearing":
            application.hold_hearing(fields["by"], fields["on"], fields["summary"], calendar)
        elif step == "decide":
            application.decide(fields["outcome"], fields["by"], fields["on"], fields["reasons"], calendar)
            if application.decision == "granted":
                self._cover(uow, application).cover(str(application.id))
        elif step == "defer":
            application.defer(fields["by"], fields["on"], fields["reason"], calendar)
        elif step == "feedback":
            application.give_feedback(fields["by"], fields["on"])
        elif step == "file":
            application.file(fields["filed_with"], fields["by"], fields["on"])
        elif step == "revoke":
            application.revoke(fields["reason"], fields["fraudulent"], fields["by"], fields["on"])
            self._cover(uow, application).uncover(str(application.id), fields["reason"])
            if fields["fraudulent"]:
                self._reopen_accountability(uow, application, fields["on"])
        else:
            raise ValueError(step)
        uow.commit()
        return application

    def _cover(self, uow: UnitOfWork, application: FaultToleranceApplication) -> MatterCover:
        cover = uow.get(MatterCover, MatterCover.create_id(application.matter_ref))
        cover = cover or MatterCover(matter_ref=application.matter_ref)
        uow.add(cover)
        return cover

    def _reopen_accountability(self, uow: UnitOfWork, application: FaultToleranceApplication,
                               on: date) -> None:
        """LG-FT 10: a fraudulent application loses its grant and the matter is pursued again:
        it opens (or joins) a concern citing the matter's circumstance."""
        report = SignalReport(
            signal_id=f"revoked:{application.id}", source_system="fault_tolerance",
            channel="supervision_results", reporter="fault-tolerance revocation (LG-FT 10)",
            cadre=CadreSnapshot(**application.cadre), managing_unit=application.managing_unit,
            citation=Citation(**application.citation),
            summary=f"tolerance on {application.matter_ref} revoked: fraudulent application",
            reported_at=datetime.combine(on, time(), CHINA),
            evidence_refs=(f"fault-tolerance:{application.id}",),
            matter_ref=application.matter_ref, received_via=DERIVED,
        )
        self.intake(uow, report)

    def report_missed_clocks(self, today: date) -> int:
        """Record every fault-tolerance and correction clock whose last day passed without its
        act (job)."""
        self.deadlines.catch_up()
        missed = 0
        for aggregate_id, clock in self.deadlines.due_clocks(today):
            found = UnitOfWork(self).get(Aggregate, aggregate_id)
            clocked = isinstance(found, (FaultToleranceApplication, CorrectionOrder))
            if clocked and found.miss_clock(clock, today):
                self.save(found)
                missed += 1
        return missed

    def get_correction_order(self, order_id: UUID) -> CorrectionOrder:
        found = UnitOfWork(self).get(CorrectionOrder, order_id)
        if found is None:
            raise CorrectionOrderNotFoundError(f"no correction order {order_id}")
        return found

    def start_correction(self, *, cadre: dict[str, Any], managing_unit: str,
                         co_managing_unit: str | None, pack_id: str, matter_ref: str, reason: str,
                         started_by: str, started_on: date,
                         acting: Acting | None = None) -> CorrectionOrder:
        """WY-FT 10(2): the correction procedure starts; the notice is due within its clock."""
        pack = self._pack_in_force(pack_id, started_on)
        order = CorrectionOrder.start(
            cadre=cadre, managing_unit=managing_unit, co_managing_unit=co_managing_unit,
            matter_ref=matter_ref, reason=reason, started_by=started_by, started_on=started_on,
            pack_id=pack.pack_id, pack_version=pack.version, rules=pack.fault_tolerance,
            calendar=self.calendar)
        self.save(order, acting=acting)
        return order

    def send_correction_notice(self, order_id: UUID, *, sent_by: str, sent_on: date,
                               requirements: str, rectification_months: int | None,
                               acting: Acting | None = None) -> CorrectionOrder:
        """The notice, setting the rectification period (usually 2 months, at most 4)."""
        order = self.get_correction_order(order_id)
        order.send_notice(sent_by=sent_by, sent_on=sent_on, requirements=requirements,
                          rectification_months=rectification_months,
                          rules=self._ft_rules(order.pack_id, order.pack_version), calendar=self.calendar)
        self.save(order, acting=acting)
        return order

    def report_rectification(self, order_id: UUID, *, reported_by: str, reported_on: date,
                             summary: str, acting: Acting | None = None) -> CorrectionOrder:
        order = self.get_correction_order(order_id)
        order.report_rectification(reported_by=reported_by, reported_on=reported_on, summary=summary)
        self.save(order, acting=acting)
        return order
