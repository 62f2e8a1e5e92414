"""Every case with who it is about and who manages it, and the appeals lodged against it.

Lists (`GET /cases`, a case's appeals, the owners of comparable cases) read this instead of
replaying every aggregate; it is derived from the service's own log, so a restart rebuilds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.adjustment.domain.appeal import Appeal
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.procedure import next_step
from shared.eventstore.log_projection import LogProjection

_STEP_EVENTS: dict[type, str] = {
    AdjustmentCase.Proposed: "propose",
    AdjustmentCase.Decided: "decide",
    AdjustmentCase.Talked: "talk",
    AdjustmentCase.FormalitiesCompleted: "formalities",
}


@dataclass
class CaseEntry:
    case_id: str
    concern_id: str
    cadre: dict[str, Any]
    authority: dict[str, Any]
    determined_on: str
    steps_done: list[str] = field(default_factory=lambda: ["verify_determine"])
    appeal_ids: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    @property
    def next_step(self) -> str | None:
        return None if self.closed else next_step(self.steps_done)


class CaseIndex(LogProjection):
    event_classes = (AdjustmentCase.Opened, *_STEP_EVENTS, AdjustmentCase.Closed, Appeal.Lodged)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.entries: dict[str, CaseEntry] = {}

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        origin = str(domain_event.originator_id)
        if isinstance(domain_event, AdjustmentCase.Opened):
            self.entries[origin] = CaseEntry(
                case_id=origin, concern_id=state["concern_id"], cadre=state["cadre"],
                authority=state["authority"], determined_on=str(state["determined_on"]),
            )
        elif type(domain_event) in _STEP_EVENTS and origin in self.entries:
            self.entries[origin].steps_done.append(_STEP_EVENTS[type(domain_event)])
        elif isinstance(domain_event, AdjustmentCase.Closed) and origin in self.entries:
            self.entries[origin].closed = True
        elif isinstance(domain_event, Appeal.Lodged) and state["case_id"] in self.entries:
            self.entries[state["case_id"]].appeal_ids.append(origin)

    def all(self) -> list[CaseEntry]:
        """Every case, oldest determination first."""
        self.catch_up()
        with self.lock:
            return sorted(self.entries.values(), key=lambda e: (e.determined_on, e.case_id))

    def get(self, case_id: str) -> CaseEntry | None:
        return self.some([case_id]).get(case_id)

    def some(self, case_ids: list[str]) -> dict[str, CaseEntry]:
        """The cases known among these ids, after one catch-up."""
        self.catch_up()
        with self.lock:
            return {c: self.entries[c] for c in case_ids if c in self.entries}
