"""Steps on a concern: assignment, early-sign measures, observation, verification, determination."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.cadre_concerns import CadreConcerns
from services.identification.domain.cited_items import require_items_of_pack
from services.identification.domain.concern import Concern
from services.identification.domain.errors import CitationRefusedError, ToleranceBlocksDeterminationError
from services.identification.domain.jurisdiction import Jurisdiction
from services.identification.domain.matter_cover import MatterCover
from shared.access.acting import Acting
from shared.policy import PolicyPack, UnknownPackError

# A tolerance grant stops the matter from counting against the cadre (WY-FT 9, LG-FT 7); a
# finding that it does not hold, or a false accusation, remains possible.
BLOCKED_OUTCOMES = ("unsuitable", "referred_to_discipline")


class ConcernSteps(ConcernsBase):
    def _step(self, concern_id: UUID, acting: Acting | None = None) -> tuple[UnitOfWork, Concern]:
        uow = UnitOfWork(self, acting)
        concern = self.get_concern(concern_id)
        uow.add(concern)
        return uow, concern

    def assign(self, concern_id: UUID, officer: str, assigned_on: date,
               acting: Acting | None = None) -> Concern:
        """Give the concern to a case officer (it appears on their worklist)."""
        uow, concern = self._step(concern_id, acting)
        concern.assign(officer, assigned_on)
        uow.commit()
        return concern

    def take_measure(self, concern_id: UUID, *, measure: str, taken_by: str, taken_on: date,
                     content: str, acting: Acting | None = None) -> Concern:
        """Record a graded early-sign measure (IM 14) with who, when and what."""
        uow, concern = self._step(concern_id, acting)
        measures = self.cadre_pack(concern).early_sign_measures
        concern.take_measure(measure, taken_by, taken_on, content, tuple(m.key for m in measures),
                             measures[0].citation)
        uow.commit()
        return concern

    def cadre_pack(self, concern: Concern) -> PolicyPack:
        """The pack of the cadre's jurisdiction: the one its managing unit is bound to, else the
        pack the concern's first signal cited; in force today."""
        jurisdiction = UnitOfWork(self).get(Jurisdiction, Jurisdiction.create_id(concern.managing_unit))
        if jurisdiction is not None and jurisdiction.pack_id is not None:
            return self.packs.get(jurisdiction.pack_id, jurisdiction.pack_version)
        pack_id = concern.citations[0]["pack_id"]
        try:
            return self.packs.get(pack_id, on=self.clock.today())
        except UnknownPackError:
            raise CitationRefusedError(
                "IM 16", f"该干部所属辖区的政策包 {pack_id} 未加载或未生效",
                f"the cadre's pack {pack_id} is not loaded or not in force: cite an item of a loaded pack",
                "circumstances") from None

    def set_observation(self, concern_id: UUID, *, deadline: date, set_by: str,
                        set_on: date, acting: Acting | None = None) -> Concern:
        """Give the cadre until `deadline` to improve (seed 002, part 3)."""
        uow, concern = self._step(concern_id, acting)
        concern.set_observation(deadline, set_by, set_on)
        uow.commit()
        return concern

    def note_improvement(self, concern_id: UUID, *, noted_by: str, noted_on: date,
                         summary: str, acting: Acting | None = None) -> Concern:
        """Record that the cadre improved during the observation period."""
        uow, concern = self._step(concern_id, acting)
        concern.note_improvement(noted_by, noted_on, summary)
        uow.commit()
        return concern

    def verify(self, concern_id: UUID, *, evidence_refs: list[str],
               interviews: list[dict[str, str]], verified_by: str, verified_on: date,
               summary: str, acting: Acting | None = None) -> Concern:
        """Record targeted, evidence-based verification (IM 16)."""
        uow, concern = self._step(concern_id, acting)
        concern.record_verification(evidence_refs, interviews, verified_by, verified_on, summary)
        uow.commit()
        return concern

    def determine(
        self, concern_id: UUID, *, outcome: str, circumstances: list[dict[str, str]],
        evidence_refs: list[str], determined_by: str, determined_on: date,
        matter_ref: str | None = None, clarification: str | None = None,
        flag_reporter: bool = False, acting: Acting | None = None,
    ) -> Concern:
        """Record the determination that ends verification (IM 16-17)."""
        uow, concern = self._step(concern_id, acting)
        if outcome in BLOCKED_OUTCOMES:
            self._refuse_covered_matters(uow, [*concern.matter_refs, *filter(None, [matter_ref])])
        pack = self.cadre_pack(concern)
        if outcome == "unsuitable":
            require_items_of_pack(pack, circumstances)
        pack_id = pack.pack_id
        concern.determine(
            outcome=outcome, circumstances=circumstances, evidence_refs=evidence_refs,
            determined_by=determined_by, determined_on=determined_on, pack_id=pack_id,
            clarification=clarification, flag_reporter=flag_reporter,
        )
        self.close_in_index(uow, concern)
        uow.commit()
        return concern

    def withdraw_determination(self, concern_id: UUID, *, reason: str, withdrawn_by: str,
                               withdrawn_on: date, acting: Acting | None = None) -> Concern:
        """A mis-made determination withdrawn: a new event; the concern is open again."""
        uow, concern = self._step(concern_id, acting)
        concern.withdraw_determination(reason, withdrawn_by, withdrawn_on)
        index = uow.get(CadreConcerns, CadreConcerns.create_id(concern.cadre_id))
        if index is not None and index.open_concern_id is None:
            index.reopen(concern.id)
            uow.add(index)
        uow.commit()
        return concern

    def _refuse_covered_matters(self, uow: UnitOfWork, matter_refs: list[str]) -> None:
        for matter_ref in matter_refs:
            cover = uow.get(MatterCover, MatterCover.create_id(matter_ref))
            if cover is not None and cover.covered:
                raise ToleranceBlocksDeterminationError(
                    f"matter_ref: {matter_ref} is covered by fault tolerance granted on "
                    f"application {cover.covering_application} (WY-FT 9, LG-FT 7)"
                )

    def expire_due_observations(self, today: date) -> list[dict[str, Any]]:
        """End every observation period whose last day has passed (periodic job)."""
        self.deadlines.catch_up()
        expired = []
        for concern_id in self.deadlines.due_observations(today):
            uow, concern = self._step(concern_id)
            if concern.expire_observation(today):
                uow.commit()
                expired.append({"concern_id": str(concern.id), "status": concern.status})
        return expired
