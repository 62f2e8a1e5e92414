"""What a service was given of the reference data, as events in its own store.

The identification service records an operator's uploads and activations (who, when, the exact
text and its digest) and publishes each activation; every other service records the activations
it receives. Replaying this aggregate at start-up restores every pack and schedule loaded since,
so nothing given at run time lives only in memory.
"""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

REFERENCE_ID = uuid5(NAMESPACE_URL, "cadre:reference-data")
# The envelope's cadre id for reference data, which concerns no cadre: the audit record keeps its
# own timeline under this name.
REFERENCE_SUBJECT = "reference-data"


class ReferenceDataRefusedError(ValueError):
    """An upload or activation that cannot be taken: the message names the field."""


class ReferenceData(Aggregate):
    @staticmethod
    def create_id() -> UUID:
        return REFERENCE_ID

    @event("Started")
    def __init__(self) -> None:
        self.packs: dict[str, str] = {}  # "<pack_id> v<version>" -> sha256
        self.schedules: dict[str, str] = {}  # "<year> v<version>" -> sha256
        self.contents: dict[str, str] = {}  # sha256 -> text

    def schedule_version(self, year: int, sha256: str) -> int:
        """The version an uploaded schedule gets: the same text keeps its version."""
        for key, digest in self.schedules.items():
            if key.startswith(f"{year} ") and digest == sha256:
                return int(key.rsplit("v", 1)[1])
        return 1 + sum(1 for key in self.schedules if key.startswith(f"{year} "))

    def receive_pack(
            self, *, pack_id: str, version: int, content: str, sha256: str, by: str, on: date) -> bool:
        """An uploaded pack version (not yet in force); False when that exact text is known."""
        key = f"{pack_id} v{version}"
        if self.packs.get(key) == sha256:
            return False
        if key in self.packs:
            raise ReferenceDataRefusedError(f"version: {key} was uploaded with other contents; "
                                            "give the changed pack a new version")
        self._pack_received(pack_id=pack_id, version=version, content=content, sha256=sha256,
                            received_by=by, received_on=on)
        return True

    @event("PackVersionReceived")
    def _pack_received(self, pack_id: str, version: int, content: str, sha256: str,
                       received_by: str, received_on: date) -> None:
        self.packs[f"{pack_id} v{version}"] = sha256
        self.contents[sha256] = content

    def activate_pack(self, *, pack_id: str, version: int, effective_from: date, content: str,
                      sha256: str, by: str, on: date) -> None:
        """Put a version in force from `effective_from` (restating its text, so the activation
        stands on its own wherever it is published)."""
        self._pack_activated(pack_id=pack_id, version=version, effective_from=effective_from,
                             content=content, sha256=sha256, activated_by=by, activated_on=on)

    @event("PackVersionActivated")
    def _pack_activated(self, pack_id: str, version: int, effective_from: date, content: str,
                        sha256: str, activated_by: str, activated_on: date) -> None:
        self.packs[f"{pack_id} v{version}"] = sha256
        self.contents[sha256] = content

    def receive_schedule(self, *, year: int, version: int, content: str, sha256: str, by: str,
                         on: date) -> bool:
        key = f"{year} v{version}"
        if self.schedules.get(key) == sha256:
            return False
        self._schedule_received(year=year, version=version, content=content, sha256=sha256,
                                received_by=by, received_on=on)
        return True

    @event("ScheduleReceived")
    def _schedule_received(self, year: int, version: int, content: str, sha256: str,
                           received_by: str, received_on: date) -> None:
        self.schedules[f"{year} v{version}"] = sha256
        self.contents[sha256] = content

    def activate_schedule(self, *, year: int, version: int, effective_from: date, content: str,
                          sha256: str, by: str, on: date) -> None:
        self._schedule_activated(year=year, version=version, effective_from=effective_from,
                                 content=content, sha256=sha256, activated_by=by, activated_on=on)

    @event("ScheduleActivated")
    def _schedule_activated(self, year: int, version: int, effective_from: date, content: str,
                            sha256: str, activated_by: str, activated_on: date) -> None:
        self.schedules[f"{year} v{version}"] = sha256
        self.contents[sha256] = content
