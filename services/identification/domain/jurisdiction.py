"""A jurisdiction (an org unit) and the one policy pack version it applies (SPEC §4.2)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


class Jurisdiction(Aggregate):
    @staticmethod
    def create_id(unit_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:jurisdiction:{unit_id}")

    @event("Registered")
    def __init__(self, unit_id: str) -> None:
        self.unit_id = unit_id
        self.pack_id: str | None = None
        self.pack_version: int | None = None
        self.bindings: list[dict[str, Any]] = []

    def bind(self, pack_id: str, version: int, bound_by: str, bound_on: date) -> None:
        """Bind to one pack version; an earlier binding stays on the record."""
        if (pack_id, version) != (self.pack_id, self.pack_version):
            self._bound(pack_id=pack_id, version=version, bound_by=bound_by, bound_on=bound_on)

    @event("PackBound")
    def _bound(self, pack_id: str, version: int, bound_by: str, bound_on: date) -> None:
        self.pack_id, self.pack_version = pack_id, version
        self.bindings.append({"pack_id": pack_id, "version": version, "bound_by": bound_by,
                              "bound_on": bound_on.isoformat()})
