"""Assessment and statistics feeds → the bound pack's rule engine → concerns citing the hits.

A hit never adjusts anyone (IM 14, 16): it becomes a signal on the cadre's concern, citing pack,
article and the figures that made the item fire. Everything one record causes is one commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from eventsourcing.persistence import Tracking

from services.identification.commands.base import ConcernsBase, UnitOfWork
from services.identification.domain.concern import Concern
from services.identification.domain.errors import JurisdictionNotBoundError
from services.identification.domain.feed_facts import check_fact, facts_from
from services.identification.domain.jurisdiction import Jurisdiction
from services.identification.domain.rules import Hit, evaluate, evaluate_up, excellent_run_ending
from services.identification.domain.rules.facts import Grade
from services.identification.domain.subject_ledger import SubjectLedger
from services.identification.domain.values import DERIVED, CadreSnapshot, Citation, SignalReport
from shared.access.acting import Acting
from shared.contract.identification_events import FeedRecorded
from shared.policy import PolicyPack

# Which SPEC §4.1 channel a feed's producer is.
CHANNEL_OF_PRODUCER = {"assessment": "annual_assessment"}


@dataclass(frozen=True)
class FeedOutcome:
    duplicate: bool
    hits: list[dict[str, Any]]


def _figure_text(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, tuple | list) else str(value)


class FeedCommands(ConcernsBase):
    def bind_jurisdiction(self, unit_id: str, pack_id: str, version: int | None, bound_by: str,
                          bound_on: date, acting: Acting | None = None) -> Jurisdiction:
        """Bind an org unit to one pack version (the latest when no version is given)."""
        pack = self.packs.get(pack_id, version)
        uow = UnitOfWork(self, acting)
        jurisdiction = uow.get(Jurisdiction, Jurisdiction.create_id(unit_id))
        jurisdiction = jurisdiction or Jurisdiction(unit_id=unit_id)
        jurisdiction.bind(pack.pack_id, pack.version, bound_by, bound_on)
        uow.add(jurisdiction)
        uow.commit()
        return jurisdiction

    def jurisdiction(self, unit_id: str) -> Jurisdiction | None:
        return UnitOfWork(self).get(Jurisdiction, Jurisdiction.create_id(unit_id))

    def pack_of(self, unit_id: str) -> PolicyPack:
        jurisdiction = self.jurisdiction(unit_id)
        if jurisdiction is None or jurisdiction.pack_id is None:
            raise JurisdictionNotBoundError(f"jurisdiction: {unit_id!r} is bound to no policy pack")
        return self.packs.get(jurisdiction.pack_id, jurisdiction.pack_version)

    def record_feed(self, source: str, record: FeedRecorded, received_at: datetime,
                    tracking: Tracking | None = None, acting: Acting | None = None) -> FeedOutcome:
        """Keep one feed fact once; evaluate the pack; each new hit opens or joins a concern."""
        uow = UnitOfWork(self, acting)
        subject = record.subject
        ledger = uow.get(SubjectLedger, SubjectLedger.create_id(subject.kind, subject.id))
        ledger = ledger or SubjectLedger(kind=subject.kind, subject_id=subject.id)
        record_key = f"{source}:{record.record_id}"
        if ledger.has_record(record_key):
            self.save(tracking=tracking)
            return FeedOutcome(duplicate=True, hits=[])
        pack = self.pack_of(record.jurisdiction)
        fact = record.fact.model_dump(mode="json")
        check_fact(pack.feeds, record.feed, subject.kind, fact)
        ledger.record(
            record_key=record_key, feed=record.feed, fact=fact, jurisdiction=record.jurisdiction,
            managing_unit=record.managing_unit,
            cadre=subject.cadre.model_dump() if subject.cadre else None, roles=subject.holds_roles,
            holders={h.role: h.cadre.model_dump() for h in subject.holders},
        )
        uow.add(ledger)
        hits = [h for h in evaluate(pack, facts_from(subject.id, ledger.facts, ledger.roles))
                if _hit_key(h) not in ledger.raised]
        ledger.raise_hits([_hit_key(h) for h in hits])
        raised = []
        for hit in hits:
            for cadre in _cadres_named(hit, ledger):
                raised.append(self._raise(uow, pack, hit, cadre, ledger, source, record_key,
                                          received_at))
        uow.commit(tracking)
        return FeedOutcome(duplicate=False, hits=raised)

    def _raise(self, uow: UnitOfWork, pack: PolicyPack, hit: Hit, cadre: dict[str, Any],
               ledger: SubjectLedger, source: str, record_key: str,
               received_at: datetime) -> dict[str, Any]:
        item = pack.item(hit.code)
        report = SignalReport(
            signal_id=f"{_hit_key(hit)}:{cadre['cadre_id']}", source_system="rule_engine",
            channel=CHANNEL_OF_PRODUCER.get(source, "supervision_results"),
            reporter=f"rule engine ({source} feed)", cadre=CadreSnapshot(**cadre),
            managing_unit=ledger.managing_unit,
            citation=Citation(pack_id=pack.pack_id, article=item.article),
            summary=f"{item.name_en} [{hit.branch}] ({hit.subject.kind} {hit.subject.id}, {hit.period})",
            reported_at=received_at, evidence_refs=(record_key,), received_via=DERIVED,
        )
        result = self.intake(uow, report)
        assert result.concern_id is not None
        concern = uow.get(Concern, result.concern_id)
        assert concern is not None
        cited = {
            "code": hit.code, "article": item.article, "pack_id": pack.pack_id,
            "pack_version": pack.version, "subject_id": hit.subject.id, "branch": hit.branch,
            "period": hit.period,
            "figures": {k: _figure_text(v) for k, v in hit.figures.items()},
        }
        concern.cite_rule_hit(cited, str(result.signal_id))
        return {**cited, "concern_id": str(concern.id), "cadre_id": cadre["cadre_id"]}

    def ledger_of(self, cadre_id: str) -> SubjectLedger | None:
        """What the feeds said about a cadre, with the unit that manages them."""
        return UnitOfWork(self).get(SubjectLedger, SubjectLedger.create_id("cadre", cadre_id))

    def up_flags(self, cadre_id: str) -> dict[str, Any]:
        """The cadre's "up" side (SPEC §9): excellent run and the bound pack's up items."""
        ledger = self.ledger_of(cadre_id)
        if ledger is None:
            return {"cadre_id": cadre_id, "excellent_years_in_a_row": 0,
                    "three_consecutive_excellent_years": False, "items": []}
        grades = [Grade(cadre_id, e["fact"]["period"], e["feed"], e["fact"]["grade"])
                  for e in ledger.facts if e["fact"]["kind"] == "grade"]
        run = excellent_run_ending(grades, cadre_id)
        pack = self.pack_of(ledger.jurisdiction)
        items = evaluate_up(pack, facts_from(cadre_id, ledger.facts, ledger.roles))
        return {
            "cadre_id": cadre_id, "excellent_years_in_a_row": run,
            "three_consecutive_excellent_years": run >= 3,
            "items": [{"code": h.code, "article": h.article, "pack_id": h.pack_id,
                       "period": h.period} for h in items],
        }


def _hit_key(hit: Hit) -> str:
    return ":".join(str(part) for part in (hit.pack_id, hit.pack_version, *hit.key))


def _cadres_named(hit: Hit, ledger: SubjectLedger) -> list[dict[str, Any]]:
    """A cadre subject is the cadre; a unit hit names roles, resolved to the unit's holders."""
    if ledger.kind == "cadre":
        return [ledger.cadre] if ledger.cadre else []
    named = [ledger.holders[role] for role in hit.subject.roles if role in ledger.holders]
    unique = {cadre["cadre_id"]: cadre for cadre in named}
    return list(unique.values())
