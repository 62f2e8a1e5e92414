"""The lists an officer reads without knowing a cadre id: their unit's concerns and signals,
filtered by state, due date and cadre, paged and sorted; what they may not see is left out."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response
from pydantic import Field

from services.identification.adapters.record_lists import Listed
from services.identification.domain.errors import NotFoundError
from services.identification.routes import authority
from services.identification.routes.deps import AppDep
from services.identification.routes.signals import ConcernPublic, concern_public
from shared.access.acting import ActedFor, RecordedBy
from shared.access.http import Gate, GateDep, access
from shared.access.policy import Action, Target
from shared.listing import PageQuery, SizeQuery, paged

router = APIRouter(tags=["signals and concerns"])
ConcernState = Literal[
    "open", "unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline"]
SignalState = Literal["received", "in_concern", "unresolved", "deferred"]
NextStep = Literal["verify", "observe", "determine"]
Sort = Literal["at", "-at", "cadre_id", "due_on"]
CadreQuery = Annotated[str | None, Query(min_length=1, max_length=200)]


def _target(entry: Listed) -> Target:
    return Target.of_cadre(entry.cadre_id, entry.managing_unit, entry.co_managing_unit, entry.cadre_unit)


def _select(entries: list[Listed], gate: Gate, response: Response, *, cadre_id: str | None,
            state: str | None, due_by: date | None, sort: str, page: int, size: int,
            next_step: str | None = None) -> list[Listed]:
    shown = [e for e in entries
             if (cadre_id is None or e.cadre_id == cadre_id) and (state is None or e.state == state)
             and (next_step is None or e.next_step == next_step)
             and (due_by is None or (e.due_on is not None and e.due_on <= due_by.isoformat()))
             and gate.visible(_target(e))]
    keys: dict[str, Any] = {"at": lambda e: (e.at, e.record_id), "cadre_id": lambda e: (e.cadre_id, e.at),
                            "due_on": lambda e: (e.due_on or "9999", e.at)}
    page_of = paged(shown, response, page, size, keys[sort.lstrip("-")], sort.startswith("-"))
    gate.listed([_target(e) for e in page_of])
    return page_of


@router.get("/concerns", openapi_extra=access(Action.READ_REPORTS))
def list_concerns(
    app: AppDep, gate: GateDep, response: Response, cadre_id: CadreQuery = None,
    state: ConcernState | None = None,
    due_by: Annotated[date | None, Query(description="observation period ending on or before")] = None,
    next_step: Annotated[NextStep | None, Query(description=(
        "verify (IM 16), observe (an observation period runs, IM 14), determine (IM 16-17)"))] = None,
    sort: Sort = "at", page: PageQuery = 1, size: SizeQuery = 200,
) -> list[ConcernPublic]:
    """The concerns the caller may read, oldest first unless sorted otherwise; the total count
    is in X-Total-Count."""
    chosen = _select(app.concern_list.all(), gate, response, cadre_id=cadre_id, state=state,
                     due_by=due_by, sort=sort, page=page, size=size, next_step=next_step)
    return [concern_public(app.get_concern(UUID(e.record_id))) for e in chosen]


@router.get("/signals", openapi_extra=access(Action.READ_REPORTS))
def list_signals(
    app: AppDep, gate: GateDep, response: Response, cadre_id: CadreQuery = None,
    state: Annotated[SignalState | None, Query(description="unresolved: the register does not list "
                                                           "the cadre; the unit resolves it")] = None,
    sort: Sort = "at", page: PageQuery = 1, size: SizeQuery = 200,
) -> list[dict[str, Any]]:
    """The signals the caller may read, with their state; the total count is in X-Total-Count."""
    chosen = _select(app.signal_list.all(), gate, response, cadre_id=cadre_id, state=state,
                     due_by=None, sort=sort, page=page, size=size)
    return [{"signal_id": e.record_id, "cadre_id": e.cadre_id, "managing_unit": e.managing_unit,
             "state": e.state, "received_at": e.at} for e in chosen]


class Resolution(ActedFor):
    cadre_id: str = Field(min_length=1, max_length=200, description="the register's cadre it is about")
    resolved_by: RecordedBy = None


@router.post("/signals/{signal_id}/resolution", openapi_extra=access(Action.ACT_ON_CASE))
def resolve_signal(signal_id: UUID, body: Resolution, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Name the registered cadre an unresolved signal is about: it then opens or joins the
    cadre's concern. Only the unit the signal was reported to, and that manages the cadre named."""
    signal = app.get_signal(signal_id)
    if signal is None:
        raise NotFoundError(f"no signal {signal_id}")
    gate.check(authority.of_signal(signal))
    record = app.cadre_record(body.cadre_id)
    if record is not None:
        gate.check(authority.of_registered(record, signal.source_system))
    acting = gate.acting.attribute(body)
    result = app.resolve_signal(signal_id, body.cadre_id, str(body.resolved_by), acting)
    return {"signal_id": str(result.signal_id), "concern_id": str(result.concern_id)}
