"""Reference data operators load without a release: validate, upload and activate a policy pack
version or a year's official working-day schedule (README, "Loading rules and calendars").

An activation is recorded here with who did it and published; every service loads it from the
published event, without a restart. Cases keep the pack version they opened under.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from services.identification.routes.deps import AppDep, TodayDep
from shared.access.http import GateDep, access
from shared.access.policy import Action
from shared.reference import commands

router = APIRouter(prefix="/reference", tags=["reference data"])
CONFIGURE, REFERENCE = access(Action.CONFIGURE), access(Action.READ_REFERENCE)
Document = Body(description="the pack or schedule file's JSON, as it would be saved in its directory")


class Activation(BaseModel):
    effective_from: date = Field(description="the first day the version is in force")


def _loaded(loaded: commands.Loaded) -> dict[str, Any]:
    return {"kind": loaded.kind, "key": loaded.key, "sha256": loaded.sha256, "new": loaded.new}


@router.post("/packs/validation", openapi_extra=REFERENCE)
def validate_pack(app: AppDep, document: dict[str, Any] = Document) -> dict[str, Any]:
    """Check a pack as the loader would; 422 names the field at fault. Nothing is recorded."""
    pack = commands.validate_pack(document)
    return {"valid": True, "pack_id": pack.pack_id, "version": pack.version,
            "effective_from": pack.effective_from, "items": len(pack.circumstances)}


@router.post("/packs", status_code=201, openapi_extra=CONFIGURE)
def upload_pack(
        app: AppDep, gate: GateDep, today: TodayDep, document: dict[str, Any] = Document) -> dict[str, Any]:
    """Upload a pack version (validated; not in force until activated)."""
    return _loaded(commands.upload_pack(app, app.reference, document, gate.principal.label, today))


@router.post("/packs/{pack_id}/versions/{version}/activation", openapi_extra=CONFIGURE)
def activate_pack(pack_id: str, version: int, body: Activation, app: AppDep, gate: GateDep,
                  today: TodayDep) -> dict[str, Any]:
    """Put an uploaded version in force from `effective_from`; every service loads it."""
    return _loaded(commands.activate_pack(app, app.reference, pack_id, version, body.effective_from,
                                          gate.principal.label, today))


@router.get("/packs", openapi_extra=REFERENCE)
def list_pack_versions(app: AppDep, today: TodayDep) -> list[dict[str, Any]]:
    """Every pack version, when each is in force, and which is in force today."""
    app.reference.catch_up()
    packs = app.packs
    rows = []
    for pack in packs.list():
        try:
            in_force = packs.get(pack.pack_id, on=today).version == pack.version
        except LookupError:
            in_force = False
        rows.append({"pack_id": pack.pack_id, "version": pack.version, "in_force_today": in_force,
                     "activations": [d.isoformat() for v, d in packs.activations(pack.pack_id)
                                     if v == pack.version]})
    return rows


@router.post("/calendars/validation", openapi_extra=REFERENCE)
def validate_schedule(app: AppDep, document: dict[str, Any] = Document) -> dict[str, Any]:
    """Check a year's schedule as the loader would; 422 names the field at fault."""
    schedule = commands.validate_schedule(document)
    return {"valid": True, "year": schedule.year, "holidays": len(schedule.holidays),
            "workdays": len(schedule.workdays), "source": schedule.source}


@router.post("/calendars", status_code=201, openapi_extra=CONFIGURE)
def upload_schedule(app: AppDep, gate: GateDep, today: TodayDep,
                    document: dict[str, Any] = Document) -> dict[str, Any]:
    """Upload a year's official schedule (the State Council's notice); activate it to use it."""
    return _loaded(commands.upload_schedule(app, document, gate.principal.label, today))


@router.post("/calendars/{year}/versions/{version}/activation", openapi_extra=CONFIGURE)
def activate_schedule(year: int, version: int, body: Activation, app: AppDep, gate: GateDep,
                      today: TodayDep) -> dict[str, Any]:
    """Use an uploaded schedule from `effective_from`; every service loads it."""
    return _loaded(commands.activate_schedule(app, app.reference, year, version, body.effective_from,
                                              gate.principal.label, today))


@router.get("/calendars", openapi_extra=REFERENCE)
def list_calendars(app: AppDep, today: TodayDep) -> dict[str, Any]:
    """The years the calendar covers today, and every activated schedule."""
    calendar = app.calendar
    return {"today": today.isoformat(), "covered_years": list(calendar.covered_years),
            "activations": app.reference.calendars.activations()}
