"""HTTP API of the audit service: the documentary record, read-only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from services.audit.application import AuditRecords


def get_app(request: Request) -> AuditRecords:
    app: AuditRecords = request.app.state.application
    return app


AppDep = Annotated[AuditRecords, Depends(get_app)]
router = APIRouter(tags=["audit"])


class TimelinePublic(BaseModel):
    cadre_id: str
    as_of: datetime | None
    entries: list[dict[str, Any]]


@router.get("/cadres/{cadre_id}/timeline")
def get_timeline(
    cadre_id: str, app: AppDep, as_of: Annotated[datetime | None, Query()] = None
) -> TimelinePublic:
    """A cadre's full record in the order received, or as it stood at `as_of`."""
    return TimelinePublic(cadre_id=cadre_id, as_of=as_of, entries=app.timeline(cadre_id, as_of))
