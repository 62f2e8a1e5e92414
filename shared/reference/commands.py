"""Loading reference data: validate, upload and activate a pack version or a year's schedule
(identification, from the admin API), and keep an activation another service published.

Each command is load → check → record → catch the library up, so the service uses what it
recorded at once; the other services get it from the published activation, without a restart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.persistence import Tracking

from shared.calendar.sources import CalendarDataError, parse_schedule
from shared.calendar.working_days import YearSchedule
from shared.eventstore.application import ServiceApplication
from shared.policy import PackFormatError, PolicyPack, UnknownPackError
from shared.policy.read_pack import read_pack_text
from shared.reference.data import ReferenceData, ReferenceDataRefusedError
from shared.reference.library import ReferenceLibrary, pack_file_name


@dataclass(frozen=True)
class Loaded:
    kind: str  # "pack" or "schedule"
    key: str  # "IM-2022 v2" or "2027 v1"
    sha256: str
    new: bool


def digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def canonical(raw: Any) -> str:
    """The stored text of an uploaded document: its JSON, keys kept in the order given."""
    return json.dumps(raw, ensure_ascii=False, indent=2)


def validate_pack(raw: Any) -> PolicyPack:
    """A pack document checked as the loader checks files; PackFormatError names the field."""
    content = canonical(raw)
    return read_pack_text(content, pack_file_name(content))


def validate_schedule(raw: Any) -> YearSchedule:
    """A year's schedule checked as the loader checks files; CalendarDataError names the field."""
    try:
        return parse_schedule(raw)
    except CalendarDataError:
        raise
    except ValueError as error:
        raise CalendarDataError(f"schedule: {error}") from None


def _data(app: ServiceApplication) -> ReferenceData:
    try:
        data = app.repository.get(ReferenceData.create_id())
    except Exception:  # AggregateNotFoundError: nothing loaded at run time yet
        return ReferenceData()
    assert isinstance(data, ReferenceData)
    return data


def upload_pack(app: ServiceApplication, library: ReferenceLibrary, raw: Any, by: str, on: date) -> Loaded:
    pack = validate_pack(raw)
    content = canonical(raw)
    sha = digest(content)
    try:
        known = library.packs.get(pack.pack_id, pack.version)
    except UnknownPackError:
        known = None
    if known is not None and known != pack:
        raise PackFormatError(pack_file_name(content), "version",
                              f"{pack.ref} is already loaded with other contents; give the changed "
                              "pack a new version")
    data = _data(app)
    new = data.receive_pack(pack_id=pack.pack_id, version=pack.version, content=content, sha256=sha,
                            by=by, on=on)
    app.save(data)
    library.catch_up()
    return Loaded("pack", pack.ref, sha, new)


def activate_pack(app: ServiceApplication, library: ReferenceLibrary, pack_id: str, version: int,
                  effective_from: date, by: str, on: date) -> Loaded:
    data = _data(app)
    key = f"{pack_id} v{version}"
    sha = data.packs.get(key)
    if sha is None:
        library.packs.get(pack_id, version)  # UnknownPackError when not even in the directory
        raise ReferenceDataRefusedError(f"version: {key} comes from the packs directory, where its "
                                        "file states its own effective date (effective_from)")
    data.activate_pack(pack_id=pack_id, version=version, effective_from=effective_from,
                       content=data.contents[sha], sha256=sha, by=by, on=on)
    app.save(data)
    library.catch_up()
    return Loaded("pack", key, sha, True)


def upload_schedule(app: ServiceApplication, raw: Any, by: str, on: date) -> Loaded:
    schedule = validate_schedule(raw)
    content = canonical(raw)
    sha = digest(content)
    data = _data(app)
    version = data.schedule_version(schedule.year, sha)
    new = data.receive_schedule(year=schedule.year, version=version, content=content, sha256=sha,
                                by=by, on=on)
    app.save(data)
    return Loaded("schedule", f"{schedule.year} v{version}", sha, new)


def activate_schedule(app: ServiceApplication, library: ReferenceLibrary, year: int, version: int,
                      effective_from: date, by: str, on: date) -> Loaded:
    data = _data(app)
    key = f"{year} v{version}"
    sha = data.schedules.get(key)
    if sha is None:
        raise ReferenceDataRefusedError(f"version: no uploaded schedule {key}")
    data.activate_schedule(year=year, version=version, effective_from=effective_from,
                           content=data.contents[sha], sha256=sha, by=by, on=on)
    app.save(data)
    library.catch_up()
    return Loaded("schedule", key, sha, True)


def keep_activation(app: ServiceApplication, library: ReferenceLibrary | None, payload: Any,
                    tracking: Tracking) -> None:
    """Another service's published activation, recorded in this service's own store."""
    data = _data(app)
    content, sha = payload.content, payload.sha256
    if digest(content) != sha:
        raise ReferenceDataRefusedError("sha256: the content does not match its digest")
    if hasattr(payload, "pack_id"):
        validate_pack(json.loads(content))
        data.activate_pack(pack_id=payload.pack_id, version=payload.version,
                           effective_from=payload.effective_from, content=content, sha256=sha,
                           by=payload.activated_by, on=payload.activated_on)
    else:
        validate_schedule(json.loads(content))
        data.activate_schedule(year=payload.year, version=payload.version,
                               effective_from=payload.effective_from, content=content, sha256=sha,
                               by=payload.activated_by, on=payload.activated_on)
    app.save(data, tracking=tracking)
    if library is not None:
        library.catch_up()
