"""Integration events the audit service publishes beyond the core lifecycle events."""

from __future__ import annotations

from shared.contract.events import EventSpec

SPECS: list[EventSpec] = []
