"""Every concern and every signal with whom it is about and who manages it, for the lists officers
read without a cadre id; derived from the service's own log, so a restart rebuilds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.identification.domain.concern import Concern
from services.identification.domain.signal import Signal
from shared.eventstore.log_projection import LogProjection


@dataclass
class Listed:
    record_id: str
    cadre_id: str
    managing_unit: str
    co_managing_unit: str | None
    cadre_unit: str | None
    state: str
    at: str  # opened or received, ISO: the default order
    due_on: str | None = None  # an open observation period's deadline
    # What the managing department does next on a concern (verify, observe, determine); None when
    # it is decided (a signal has none).
    next_step: str | None = None


class _Listing(LogProjection):
    """Entries by record id, as listed; subclasses say how their events change them."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.entries: dict[str, Listed] = {}

    def all(self) -> list[Listed]:
        self.catch_up()
        with self.lock:
            return list(self.entries.values())


class ConcernList(_Listing):
    event_classes = (Concern.Opened, Concern.Determined, Concern.ObservationSet,
                     Concern.ObservationExpired, Concern.Verified)

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        origin = str(domain_event.originator_id)
        if isinstance(domain_event, Concern.Opened):
            self.entries[origin] = Listed(
                origin, str(state["cadre"]["cadre_id"]), state["managing_unit"],
                state.get("co_managing_unit"), state["cadre"].get("unit_id"), "open",
                domain_event.timestamp.isoformat(), next_step="verify")
        elif origin in self.entries:
            entry = self.entries[origin]
            if isinstance(domain_event, Concern.ObservationSet):
                entry.due_on, entry.next_step = str(state["deadline"]), "observe"
            elif isinstance(domain_event, Concern.ObservationExpired):
                entry.due_on, entry.next_step = None, "determine"
            elif isinstance(domain_event, Concern.Verified):
                if entry.next_step == "verify":
                    entry.next_step = "determine"
            else:
                entry.state, entry.due_on, entry.next_step = state["outcome"], None, None


class SignalList(_Listing):
    event_classes = (Signal.Received, Signal.AttachedToConcern, Signal.LeftUnresolved, Signal.Resolved,
                     Signal.Deferred)

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        origin = str(domain_event.originator_id)
        if isinstance(domain_event, Signal.Received):
            self.entries[origin] = Listed(
                origin, str(state["cadre"]["cadre_id"]), state["managing_unit"],
                state.get("co_managing_unit"), state["cadre"].get("unit_id"), "received",
                domain_event.timestamp.isoformat())
            return
        entry = self.entries.get(origin)
        if entry is None:
            return
        if isinstance(domain_event, Signal.Resolved):
            entry.cadre_id = str(state["cadre"]["cadre_id"])
            entry.managing_unit, entry.co_managing_unit = state["managing_unit"], state["co_managing_unit"]
            entry.state = "received"
        else:
            entry.state = {Signal.AttachedToConcern: "in_concern", Signal.LeftUnresolved: "unresolved",
                           Signal.Deferred: "deferred"}[type(domain_event)]
