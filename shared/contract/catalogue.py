"""Every integration event type of the contract, by (type, version)."""

from __future__ import annotations

from shared.contract import (
    access_events,
    adjustment_events,
    audit_events,
    followup_events,
    identification_events,
    receipt_events,
    reference_events,
    register_events,
)
from shared.contract.events import CORE_SPECS, EventSpec

ALL_SPECS: list[EventSpec] = [
    *CORE_SPECS,
    *identification_events.SPECS,
    *register_events.SPECS,
    *adjustment_events.SPECS,
    *followup_events.SPECS,
    *audit_events.SPECS,
    *access_events.SPECS,
    *reference_events.SPECS,
    *receipt_events.SPECS,
]

CONTRACT: dict[tuple[str, int], EventSpec] = {(s.type, s.version): s for s in ALL_SPECS}
