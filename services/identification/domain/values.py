"""Plain values carried by identification events (stored as JSON-friendly dicts)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class CadreSnapshot:
    cadre_id: str
    name: str
    unit_id: str
    post: str
    rank: str
    role: str = "unit_staff"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    pack_id: str
    article: str

    def as_dict(self) -> dict[str, str]:
        return {"pack_id": self.pack_id, "article": self.article}


# How a signal reached the service: over its HTTP API, as a producer's message on NATS, or
# derived here (a rule hit on a feed, a problem found in follow-up, a revoked tolerance grant).
HTTP, NATS, DERIVED = "http", "nats", "derived"


@dataclass(frozen=True)
class SignalReport:
    """One signal as received from a channel (SPEC §4.1)."""

    signal_id: str
    source_system: str
    channel: str
    reporter: str
    cadre: CadreSnapshot
    managing_unit: str
    citation: Citation
    summary: str
    reported_at: datetime
    evidence_refs: tuple[str, ...] = field(default_factory=tuple)
    co_managing_unit: str | None = None
    # The accountability matter the signal is about (a fault-tolerance grant may cover it).
    matter_ref: str | None = None
    # An innovation risk filing the petition is about (LG-FT 6(2)4: usually deferred).
    reform_ref: str | None = None
    # Every signal but a producer's message (already on the stream) is published as the service's
    # own CircumstanceReported, so every signal is on the record.
    received_via: str = NATS
    # Whose ids the signal_id is among: a person's report is the reporting unit's, so one unit's
    # id can never pre-empt (or reveal) another's; a producer's ids are its system's own.
    id_space: str | None = None

    def key(self) -> dict[str, str]:
        """The signal as its reporter names it: their system and their own id."""
        return {"source_system": self.source_system, "signal_id": self.signal_id}
