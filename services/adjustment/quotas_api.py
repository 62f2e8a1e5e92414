"""HTTP API for the post quota ledgers (IM 25), one per unit and rank."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.adjustment.api import AppDep
from services.adjustment.case_models import Text
from services.adjustment.domain.quota import PostQuota
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action, Target


class QuotaSet(ActedFor):
    """The approved number of posts; `occupied` only when the ledger is first opened."""

    quota: int = Field(ge=0, le=10000)
    occupied: int | None = Field(default=None, ge=0, le=10000)
    set_by: RecordedBy = None
    set_on: date


class PostRelease(ActedFor):
    released_on: date
    released_by: RecordedBy = None
    reason: Text


class QuotaPublic(BaseModel):
    unit_id: str
    rank: str
    quota: int
    occupied: int
    over_quota: dict[str, dict[str, Any]]
    version: int


def quota_public(ledger: PostQuota) -> QuotaPublic:
    return QuotaPublic(unit_id=ledger.unit_id, rank=ledger.rank, quota=ledger.quota,
                       occupied=ledger.occupied, over_quota=ledger.over_quota, version=ledger.version)


def _check_unit(gate: Gate, unit_id: str) -> None:
    """A ledger is its unit's business and the committee's directly above it (IM 25)."""
    gate.check(Target.of_unit(gate.control.tree, unit_id))


router = APIRouter(prefix="/quotas", tags=["post quota"])


@router.put("/{unit_id}/{rank}", openapi_extra=access(Action.MANAGE_QUOTA))
def set_quota(unit_id: str, rank: str, body: QuotaSet, app: AppDep, gate: GateDep) -> QuotaPublic:
    """Open a unit's ledger for a rank, or change its approved number of posts."""
    _check_unit(gate, unit_id)
    acting = gate.acting.attribute(body)
    return quota_public(app.set_quota(unit_id, rank, **body.fields(), acting=acting))


@router.get("/{unit_id}/{rank}", openapi_extra=access(Action.READ_QUOTA))
def get_quota(unit_id: str, rank: str, app: AppDep, gate: GateDep) -> QuotaPublic:
    """A ledger with its over-quota placements and their absorption deadlines."""
    _check_unit(gate, unit_id)
    return quota_public(app.get_quota(unit_id, rank))


@router.post("/{unit_id}/{rank}/releases", openapi_extra=access(Action.MANAGE_QUOTA))
def create_release(unit_id: str, rank: str, body: PostRelease, app: AppDep, gate: GateDep) -> QuotaPublic:
    """A post fell vacant; the oldest over-quota placement is absorbed first."""
    _check_unit(gate, unit_id)
    acting = gate.acting.attribute(body)
    return quota_public(app.release_post(unit_id, rank, **body.fields(), acting=acting))
