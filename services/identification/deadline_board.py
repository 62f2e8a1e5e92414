"""The read model of open deadlines and worklists, derived from the service's own log.

Rebuilt from the stored events at start-up and kept current by tailing the notification log
(like the follow-up service's due plans), so no deadline lives only in memory: a restart
re-derives every clock. It holds observation deadlines of concerns and the open fault-tolerance
clocks, and who handles each, for the periodic scans and the officers' worklists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from services.identification.domain.concern import Concern
from services.identification.domain.correction_order import CorrectionOrder
from services.identification.domain.fault_tolerance import FaultToleranceApplication as FTA
from shared.eventstore.application import ServiceApplication
from shared.eventstore.log_projection import LogProjection


@dataclass
class ConcernEntry:
    cadre: dict[str, Any]
    managing_units: tuple[str, ...] = ()  # managing and co-managing: who may see the item
    officer: str | None = None
    observation_deadline: date | None = None
    awaiting_determination: bool = False


@dataclass
class ApplicationEntry:
    """A fault-tolerance application or a correction order, with its open clocks."""

    cadre: dict[str, Any]
    matter_ref: str
    managing_units: tuple[str, ...] = ()
    officer: str | None = None
    clocks: dict[str, tuple[date, str]] = field(default_factory=dict)
    kind: str = "fault_tolerance"


class DeadlineBoard(LogProjection):
    # Every event of a fault-tolerance application may open or close a clock.
    event_classes = (Concern.Opened, Concern.Assigned, Concern.ObservationSet,
                     Concern.ObservationExpired, Concern.Determined, Concern.DeterminationWithdrawn,
                     FTA.Event, CorrectionOrder.Event)

    def __init__(self, app: ServiceApplication) -> None:
        super().__init__(app)
        self.concerns: dict[UUID, ConcernEntry] = {}
        self.applications: dict[UUID, ApplicationEntry] = {}

    def apply(self, event: Any) -> None:
        key, fields = event.originator_id, vars(event)
        if isinstance(event, Concern.Opened):
            self.concerns[key] = ConcernEntry(cadre=fields["cadre"], managing_units=_units(fields))
        elif key in self.concerns:
            self._apply_concern(self.concerns[key], event, fields)
        if isinstance(event, Concern.DeterminationWithdrawn):
            # A withdrawn determination reopens the concern for its officer.
            self.concerns[key] = ConcernEntry(cadre=fields["cadre"], managing_units=_units(fields),
                                              officer=fields.get("assigned_to"), awaiting_determination=True)
        if isinstance(event, FTA.Applied):
            self.applications[key] = ApplicationEntry(fields["cadre"], fields["matter_ref"], _units(fields))
        elif isinstance(event, CorrectionOrder.Started):
            self.applications[key] = ApplicationEntry(fields["cadre"], fields["matter_ref"], _units(fields),
                                                      officer=fields["started_by"], kind="correction_order")
        if key in self.applications:
            entry = self.applications[key]
            if isinstance(event, FTA.Accepted):
                entry.officer = fields["accepted_by"]
            for name, clock in fields.get("opened", {}).items():
                entry.clocks[name] = (date.fromisoformat(clock["due_on"]), clock["citation"])
            for name in fields.get("closed", []):
                entry.clocks.pop(name, None)
            if isinstance(event, FTA.ClockMissed):
                entry.clocks.pop(fields["clock"], None)

    def _apply_concern(self, entry: ConcernEntry, event: Any, fields: dict[str, Any]) -> None:
        if isinstance(event, Concern.Assigned):
            entry.officer = fields["officer"]
        elif isinstance(event, Concern.ObservationSet):
            entry.observation_deadline = fields["deadline"]
            entry.awaiting_determination = False
        elif isinstance(event, Concern.ObservationExpired):
            entry.observation_deadline = None
            entry.awaiting_determination = not fields["improved"]
        elif isinstance(event, Concern.Determined):
            del self.concerns[event.originator_id]

    def due_observations(self, today: date) -> list[UUID]:
        """Concerns whose observation's last day is before today."""
        with self.lock:  # catch_up mutates the maps from other threads
            return [cid for cid, e in self.concerns.items()
                    if e.observation_deadline is not None and today > e.observation_deadline]

    def due_clocks(self, today: date) -> list[tuple[UUID, str]]:
        """Open fault-tolerance clocks whose last day is before today."""
        with self.lock:
            return [(aid, name) for aid, e in self.applications.items()
                    for name, (due_on, _) in e.clocks.items() if today > due_on]

    def worklist(self, officer: str) -> list[dict[str, Any]]:
        """Open concerns and fault-tolerance clocks the officer handles, with due days."""
        with self.lock:
            return self._worklist(officer)

    def _worklist(self, officer: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for cid, c in self.concerns.items():
            if c.officer == officer:
                due = c.observation_deadline
                items.append({
                    "kind": "concern", "id": str(cid), "cadre_id": c.cadre["cadre_id"],
                    "task": "determination" if c.awaiting_determination or due is None
                    else "observation_ends", "due_on": due, "citation": None,
                    "authority": _authority(c.cadre, c.managing_units),
                })
        for aid, a in self.applications.items():
            if a.officer == officer:
                for name, (due_on, citation) in a.clocks.items():
                    items.append({"kind": a.kind, "id": str(aid),
                                  "cadre_id": a.cadre["cadre_id"], "task": name, "due_on": due_on,
                                  "citation": citation,
                                  "authority": _authority(a.cadre, a.managing_units)})
        return sorted(items, key=lambda i: (i["due_on"] is None, i["due_on"] or date.max, i["id"]))


def _units(fields: dict[str, Any]) -> tuple[str, ...]:
    return tuple(u for u in (fields.get("managing_unit"), fields.get("co_managing_unit")) if u)


def _authority(cadre: dict[str, Any], managing_units: tuple[str, ...]) -> dict[str, Any]:
    """Whose item it is: the worklist route shows an item only to those who may read its case."""
    return {"cadre_id": cadre.get("cadre_id"), "cadre_unit": cadre.get("unit_id"),
            "managing_units": list(managing_units)}
