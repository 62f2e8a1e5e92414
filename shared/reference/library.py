"""The packs and calendars a service works with: its directories (a ConfigMap in Kubernetes),
watched for changes, plus everything its own log says was uploaded or activated since.

It is a projection of the service's store (`ReferenceData` events), so a restart restores every
run-time load; `catch_up()` runs before each use by the periodic job and right after a load.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

from shared.calendar.library import CalendarLibrary
from shared.calendar.sources import base_schedules, parse_schedule
from shared.eventstore.application import ServiceApplication
from shared.eventstore.log_projection import LogProjection
from shared.policy import PackFormatError, PackRegistry, PolicyPack, UnknownPackError, read_pack_directory
from shared.policy.read_pack import read_pack_text
from shared.reference.data import ReferenceData

log = logging.getLogger(__name__)


def pack_file_name(content: str) -> str:
    """The file name an uploaded pack goes by, from its own id and version."""
    try:
        raw = json.loads(content)
        return f"{raw['pack_id']}.v{raw['version']}.json"
    except (ValueError, KeyError, TypeError):
        return "upload.json"


def directory_packs(directory: Path | None) -> list[PolicyPack]:
    """The operator's pack files, on top of those shipped with the code (none without a
    directory, or in one that holds no pack yet, as a fresh ConfigMap may)."""
    if directory is None or not directory.is_dir() or not any(directory.glob("*.json")):
        return []
    return read_pack_directory(directory)


class FollowingRegistry(PackRegistry):
    """The library's packs: a miss looks at the service's log once more before it is a miss. An
    activation this consumer stored a message earlier is then in force at once, not only after
    the next periodic refresh (a case or plan under a pack activated moments before would
    otherwise be refused)."""

    def __init__(self, packs: Any, on_miss: Any) -> None:
        super().__init__(packs)
        self._on_miss = on_miss

    def get(self, pack_id: str, version: int | None = None, on: date | None = None) -> PolicyPack:
        try:
            return super().get(pack_id, version, on)
        except UnknownPackError:
            self._on_miss()
            return super().get(pack_id, version, on)


class ReferenceLibrary(LogProjection):
    event_classes = (ReferenceData.PackVersionReceived, ReferenceData.PackVersionActivated,
                     ReferenceData.ScheduleReceived, ReferenceData.ScheduleActivated)

    def __init__(self, app: ServiceApplication, packs_dir: Path | None = None,
                 calendar_dir: Path | None = None) -> None:
        super().__init__(app)
        self.packs_dir, self.calendar_dir = packs_dir, calendar_dir
        self.packs = FollowingRegistry(read_pack_directory(), self.catch_up)
        self._take_directory_packs()
        self.calendars = CalendarLibrary(base_schedules(calendar_dir))
        self._seen = (self._signature(packs_dir), self._signature(calendar_dir))

    def apply(self, domain_event: Any) -> None:
        state = vars(domain_event)
        if isinstance(domain_event, (ReferenceData.PackVersionReceived, ReferenceData.PackVersionActivated)):
            pack = read_pack_text(state["content"], pack_file_name(state["content"]))
            self.packs.add(pack)
            if isinstance(domain_event, ReferenceData.PackVersionActivated):
                self.packs.activate(pack.pack_id, pack.version, state["effective_from"])
        elif isinstance(domain_event, ReferenceData.ScheduleActivated):
            schedule = parse_schedule(json.loads(state["content"]))
            self.calendars.activate(schedule, state["version"], state["effective_from"])

    def calendar_on(self, day: date) -> Any:
        self.catch_up()
        return self.calendars.on(day)

    def refresh(self) -> None:
        """The periodic job: follow the log, and take in files added to the directories."""
        self.catch_up()
        packs_seen, calendars_seen = self._signature(self.packs_dir), self._signature(self.calendar_dir)
        if packs_seen != self._seen[0]:
            try:
                self._take_directory_packs()
            except (PackFormatError, ValueError):
                log.exception("the packs directory %s has a pack that cannot be taken; kept the "
                              "packs already loaded", self.packs_dir)
        if calendars_seen != self._seen[1]:
            try:
                self.calendars.replace_base(base_schedules(self.calendar_dir))
            except ValueError:
                log.exception("the calendar directory %s cannot be read; kept the schedules "
                              "already loaded", self.calendar_dir)
        self._seen = (packs_seen, calendars_seen)

    def _take_directory_packs(self) -> None:
        """Each new pack file, in force from the effective date it states."""
        for pack in directory_packs(self.packs_dir):
            if self.packs.add(pack):
                self.packs.activate(pack.pack_id, pack.version, date.fromisoformat(pack.effective_from))

    @staticmethod
    def _signature(directory: Path | None) -> tuple[tuple[str, int, int], ...]:
        if directory is None or not directory.is_dir():
            return ()
        # A ConfigMap update swaps a symlink: names, sizes and times all move.
        files = directory.glob("*.json")
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
