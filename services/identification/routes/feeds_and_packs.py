"""Feeds from the assessment and statistics systems over HTTP, the packs, and jurisdictions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.identification.domain.errors import NotFoundError
from services.identification.routes import authority
from services.identification.routes.deps import AppDep, NowDep
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import ActingDep, Gate, GateDep, access
from shared.access.policy import Action
from shared.contract.identification_events import AssessmentRecorded, StatisticsRecorded
from shared.policy import Circumstance, PolicyPack, UnknownCircumstanceError, UnknownPackError

router = APIRouter(tags=["feeds, packs and jurisdictions"])
# Reference data and configuration reach every role granted them at all: no record to check.
REFERENCE = access(Action.READ_REFERENCE)


class FeedAccepted(BaseModel):
    duplicate: bool
    hits: list[dict[str, Any]]


@router.post("/feeds/assessments", status_code=201, openapi_extra=access(Action.SUBMIT_FEED))
def record_assessment(body: AssessmentRecorded, app: AppDep, now: NowDep, gate: GateDep) -> FeedAccepted:
    """An assessment fact (grade, vote counts, ranking); each new hit opens or joins a concern."""
    return _record("assessment", body, app, now, gate)


@router.post("/feeds/statistics", status_code=201, openapi_extra=access(Action.SUBMIT_FEED))
def record_statistics(body: StatisticsRecorded, app: AppDep, now: NowDep, gate: GateDep) -> FeedAccepted:
    """A statistics fact (incidents, rankings, measures, absences), evaluated like assessments."""
    return _record("statistics", body, app, now, gate)


def _record(source: str, body: AssessmentRecorded | StatisticsRecorded, app: AppDep,
            now: datetime, gate: Gate) -> FeedAccepted:
    # The producer system sends only its own feed; an officer only facts about cadres its unit
    # manages. A refused record is refused whole, before anything is kept.
    gate.check(authority.of_feed(source, body))
    outcome = app.record_feed(source, body, now, acting=gate.acting)
    return FeedAccepted(duplicate=outcome.duplicate, hits=outcome.hits)


def _item_public(item: Circumstance) -> dict[str, Any]:
    return {
        "code": item.code, "article": item.article, "summary_zh": item.summary_zh,
        "name_en": item.name_en, "kind": item.kind, "nature": item.nature,
        "applies_to": list(item.applies_to), "note": item.note,
        "trigger": None if item.trigger is None else {
            "types": sorted(item.trigger.types()),
            "leaves": [{"label": leaf.label, "type": leaf.type, "feed": leaf.feed,
                        "values": list(leaf.values), "comparator": leaf.comparator,
                        "word": leaf.word, "periods": leaf.periods, "places": leaf.places,
                        "threshold": None if leaf.threshold is None else
                        f"{leaf.threshold.numerator}/{leaf.threshold.denominator}",
                        "length": None if leaf.length is None else leaf.length.text()}
                       for leaf in item.trigger.leaves()],
        },
    }


def _pack(app: AppDep, pack_id: str, version: int | None) -> PolicyPack:
    try:
        return app.packs.get(pack_id, version)
    except UnknownPackError as error:
        raise NotFoundError(str(error)) from None


@router.get("/packs", openapi_extra=REFERENCE)
def list_packs(app: AppDep) -> list[dict[str, Any]]:
    """Every loaded pack version."""
    return [{"pack_id": p.pack_id, "version": p.version, "title_zh": p.title_zh,
             "title_en": p.title_en, "items": len(p.circumstances),
             "quantitative_items": len(p.quantitative())} for p in app.packs.list()]


@router.get("/packs/{pack_id}", openapi_extra=REFERENCE)
def get_pack(pack_id: str, app: AppDep, version: int | None = None) -> dict[str, Any]:
    """A pack's items and early-sign measures (latest version unless one is asked for)."""
    pack = _pack(app, pack_id, version)
    return {"pack_id": pack.pack_id, "version": pack.version, "title_zh": pack.title_zh,
            "items": [_item_public(c) for c in pack.circumstances],
            "early_sign_measures": [m.key for m in pack.early_sign_measures]}


@router.get("/packs/{pack_id}/items/{number:path}", openapi_extra=REFERENCE)
def get_pack_item(pack_id: str, number: str, app: AppDep, version: int | None = None) -> dict[str, Any]:
    """One item, by the part of its code after the pack id: e.g. IM-2022 item "6(14)"."""
    try:
        return _item_public(_pack(app, pack_id, version).item(f"{pack_id}/{number}"))
    except UnknownCircumstanceError as error:
        raise NotFoundError(str(error)) from None


class BindingCreate(ActedFor):
    pack_id: str = Field(min_length=1)
    version: int | None = Field(default=None, ge=1, description="latest when omitted")
    bound_by: RecordedBy = None
    bound_on: date


@router.put("/jurisdictions/{unit_id}/pack", openapi_extra=access(Action.CONFIGURE))
def bind_jurisdiction(unit_id: str, body: BindingCreate, app: AppDep,
                      acting: ActingDep) -> dict[str, Any]:
    """Bind an org unit to one pack version; feeds from it are evaluated with that pack."""
    _pack(app, body.pack_id, body.version)
    acted = acting.attribute(body)
    jurisdiction = app.bind_jurisdiction(unit_id, body.pack_id, body.version, str(body.bound_by),
                                         body.bound_on, acted)
    return {"unit_id": unit_id, "pack_id": jurisdiction.pack_id,
            "version": jurisdiction.pack_version, "bindings": jurisdiction.bindings}


@router.get("/jurisdictions/{unit_id}", openapi_extra=REFERENCE)
def get_jurisdiction(unit_id: str, app: AppDep) -> dict[str, Any]:
    """The pack version a jurisdiction applies, and its earlier bindings."""
    jurisdiction = app.jurisdiction(unit_id)
    if jurisdiction is None:
        raise NotFoundError(f"no jurisdiction {unit_id}")
    return {"unit_id": unit_id, "pack_id": jurisdiction.pack_id,
            "version": jurisdiction.pack_version, "bindings": jurisdiction.bindings}
