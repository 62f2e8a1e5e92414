"""Signals from people and producer systems (SPEC §4.1), and problems found in follow-up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventsourcing.persistence import Tracking

from services.identification.commands.base import ConcernsBase, IntakeResult, UnitOfWork
from services.identification.domain.values import DERIVED, CadreSnapshot, Citation, SignalReport
from shared.access.acting import Acting
from shared.policy.citation import is_citation, prefix_of


class IntakeCommands(ConcernsBase):
    def report_circumstance(
        self, report: SignalReport, tracking: Tracking | None = None, acting: Acting | None = None,
    ) -> IntakeResult:
        """Record a signal once, and open or join the cadre's open concern."""
        uow = UnitOfWork(self, acting)
        result = self.intake(uow, report)
        uow.commit(tracking)
        return result

    def report_followup_problem(
        self, *, cadre_id: str, message_id: str, plan_id: str, problem: str, reported_by: str,
        citation: Any, reported_at: datetime, tracking: Tracking | None = None,
    ) -> IntakeResult:
        """A problem found in follow-up is dealt with by rule (IM 30): it opens or joins a concern.

        The follow-up event names the cadre only by id; who they are and who manages them come
        from the cadre's latest concern here (an adjusted cadre always had one).
        """
        uow = UnitOfWork(self)
        cadre, managing_unit = self.latest_snapshot(uow, cadre_id)
        report = SignalReport(
            signal_id=message_id, source_system="followup", channel="daily_understanding",
            reporter=reported_by, cadre=CadreSnapshot(**cadre), managing_unit=managing_unit,
            citation=self._problem_citation(citation, uow, cadre_id),
            summary=f"follow-up plan {plan_id}: {problem}",
            reported_at=reported_at, evidence_refs=(f"followup-plan:{plan_id}",), received_via=DERIVED,
        )
        result = self.intake(uow, report)
        uow.commit(tracking)
        return result


    def _problem_citation(self, raw: Any, uow: UnitOfWork, cadre_id: str) -> Citation:
        """The pack's follow-up problem citation in the shared form (`WY 17`) names the article of
        the cadre's own pack with that prefix (else of any loaded pack with it)."""
        text = str(raw).strip() if isinstance(raw, str) else ""
        if not is_citation(text):
            return _citation(raw)
        prefix, number = prefix_of(text), text.rsplit(" ", 1)[1]
        own = self.latest_pack_id(uow, cadre_id)
        packs = sorted(self.packs.list(), key=lambda p: p.pack_id != own)
        for pack in packs:
            if pack.citation_prefix == prefix:
                return Citation(pack_id=pack.pack_id, article=f"art. {number}")
        return _citation(raw)


def _citation(raw: Any) -> Citation:
    """The problem's citation: a {pack_id, article} object, or text such as "IM-2022 art. 30"."""
    if isinstance(raw, dict) and raw.get("pack_id") and raw.get("article"):
        return Citation(pack_id=str(raw["pack_id"]), article=str(raw["article"]))
    if getattr(raw, "pack_id", None):
        return Citation(pack_id=str(raw.pack_id), article=str(raw.article))
    pack_id, _, article = str(raw).strip().partition(" ")
    if article:
        return Citation(pack_id=pack_id, article=article)
    return Citation(pack_id="IM-2022", article=pack_id or "art. 30")
