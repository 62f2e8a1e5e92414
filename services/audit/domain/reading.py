"""A supervisor's read of the record as recorded before the access policy (SPEC §8): who, what,
when, why, and whether the org tree let them read it. Nothing records new ones (the gate's
`AccessRecord` does); the class stays so that the reads already in the store load and are shown
in the access log, since history is never rewritten."""

from __future__ import annotations

from eventsourcing.domain import Aggregate, event


class SupervisorRead(Aggregate):
    @event("Recorded")
    def __init__(self, reader: str, reader_unit: str, reason: str, what: str, at: str, allowed: bool) -> None:
        self.reader = reader
        self.reader_unit = reader_unit
        self.reason = reason
        self.what = what
        self.at = at
        self.allowed = allowed
