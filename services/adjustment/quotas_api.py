"""HTTP API for the post quota ledgers (IM 25), one per unit and rank."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.adjustment.api import AppDep, Text
from services.adjustment.domain.quota import PostQuota


class QuotaSet(BaseModel):
    """The approved number of posts; `occupied` only when the ledger is first opened."""

    quota: int = Field(ge=0, le=10000)
    occupied: int | None = Field(default=None, ge=0, le=10000)
    set_by: Text
    set_on: date


class PostRelease(BaseModel):
    released_on: date
    released_by: Text
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


router = APIRouter(prefix="/quotas", tags=["post quota"])


@router.put("/{unit_id}/{rank}")
def set_quota(unit_id: str, rank: str, body: QuotaSet, app: AppDep) -> QuotaPublic:
    """Open a unit's ledger for a rank, or change its approved number of posts."""
    return quota_public(app.set_quota(unit_id, rank, **body.model_dump()))


@router.get("/{unit_id}/{rank}")
def get_quota(unit_id: str, rank: str, app: AppDep) -> QuotaPublic:
    """A ledger with its over-quota placements and their absorption deadlines."""
    return quota_public(app.get_quota(unit_id, rank))


@router.post("/{unit_id}/{rank}/releases")
def create_release(unit_id: str, rank: str, body: PostRelease, app: AppDep) -> QuotaPublic:
    """A post fell vacant; the oldest over-quota placement is absorbed first."""
    return quota_public(app.release_post(unit_id, rank, **body.model_dump()))
