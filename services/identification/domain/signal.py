"""A signal: one report about a cadre from one channel, kept exactly as received."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.identification.domain.values import SignalReport


class Signal(Aggregate):
    @staticmethod
    def create_id(source_system: str, signal_id: str, id_space: str | None = None) -> UUID:
        # The producer's own id names the signal, so a re-sent signal maps to the same aggregate;
        # a person's report is named within the reporting unit's ids.
        space = source_system if id_space is None else f"{source_system}@{id_space}"
        return uuid5(NAMESPACE_URL, f"cadre:signal:{space}:{signal_id}")

    @event("Received")
    def __init__(
        self,
        source_system: str,
        signal_id: str,
        channel: str,
        reporter: str,
        cadre: dict[str, Any],
        managing_unit: str,
        citation: dict[str, str],
        summary: str,
        evidence_refs: list[str],
        reported_at: datetime,
        matter_ref: str | None = None,
        co_managing_unit: str | None = None,
        received_via: str | None = None,
        id_space: str | None = None,
    ) -> None:
        self.source_system = source_system
        self.id_space = id_space
        self.signal_id = signal_id
        self.channel = channel
        self.reporter = reporter
        self.cadre = cadre
        self.managing_unit = managing_unit
        # Signals received before it was kept have none: their concern still names it.
        self.co_managing_unit = co_managing_unit
        self.citation = citation
        self.summary = summary
        self.evidence_refs = evidence_refs
        self.reported_at = reported_at
        self.matter_ref = matter_ref
        self.received_via = received_via
        self.concern_id: UUID | None = None
        self.deferred_by: str | None = None
        # A cadre the managing unit's register does not list: kept, shown to the unit to resolve.
        self.unresolved = False

    @classmethod
    def receive(cls, report: SignalReport) -> Signal:
        return cls(
            source_system=report.source_system,
            signal_id=report.signal_id,
            channel=report.channel,
            reporter=report.reporter,
            cadre=report.cadre.as_dict(),
            managing_unit=report.managing_unit,
            citation=report.citation.as_dict(),
            summary=report.summary,
            evidence_refs=list(report.evidence_refs),
            reported_at=report.reported_at,
            matter_ref=report.matter_ref,
            id_space=report.id_space,
            co_managing_unit=report.co_managing_unit,
            received_via=report.received_via,
        )

    @event("AttachedToConcern")
    def attach_to(self, concern_id: UUID) -> None:
        self.concern_id = concern_id

    @event("Deferred")
    def defer(self, reform_ref: str) -> None:
        """A petition about a registered reform filing waits (LG-FT 6(2)4: 一般暂缓调查)."""
        self.deferred_by = reform_ref

    @event("LeftUnresolved")
    def leave_unresolved(self, reason: str) -> None:
        """The register does not list the cadre: the signal waits for the department to resolve it."""
        self.unresolved = True

    @event("Resolved")
    def resolve(self, cadre: dict[str, Any], managing_unit: str, co_managing_unit: str | None,
                resolved_by: str) -> None:
        """The department named the register's cadre the signal is about; its authority applies."""
        self.cadre = cadre
        self.managing_unit = managing_unit
        self.co_managing_unit = co_managing_unit
        self.unresolved = False
