"""Fault tolerance (容错纠错, SPEC §4.5): applications, their clocks, grants and revocations.

Every deadline is counted on the official working-day calendar; a date beyond the calendar's
years raises CalendarNotCoveredError (the API answers 422) rather than guessing weekdays.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.errors import FaultToleranceNotFoundError
from services.identification.domain.fault_tolerance import FaultToleranceApplication
from services.identification.domain.matter_cover import MatterCover
from services.identification.domain.values import DERIVED, CadreSnapshot, Citation, SignalReport
from shared.access.acting import Acting
from shared.clock import CHINA


class FaultToleranceCommands(ConcernsBase):
    def get_application(self, application_id: UUID) -> FaultToleranceApplication:
        found = UnitOfWork(self).get(FaultToleranceApplication, application_id)
        if found is None:
            raise FaultToleranceNotFoundError(f"no fault-tolerance application {application_id}")
        return found

    def apply_for_tolerance(self, acting: Acting | None = None, **fields: Any) -> FaultToleranceApplication:
        """A cadre facing accountability applies (WY-FT 8(1), LG-FT 6(1)2)."""
        application = FaultToleranceApplication.apply_for(**fields)
        self.save(application, acting=acting)
        return application

    def advance_application(
        self, application_id: UUID, step: str, acting: Acting | None = None, **fields: Any
    ) -> FaultToleranceApplication:
        """One step of WY-FT 8: accept, report, hearing, decide, defer, feedback, file, revoke."""
        uow = UnitOfWork(self, acting)
        application = self.get_application(application_id)
        uow.add(application)
        calendar = self.calendar
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
        """Record every fault-tolerance clock whose last day passed without its act (job)."""
        self.deadlines.catch_up()
        missed = 0
        for application_id, clock in self.deadlines.due_clocks(today):
            application = self.get_application(application_id)
            if application.miss_clock(clock, today):
                self.save(application)
                missed += 1
        return missed
