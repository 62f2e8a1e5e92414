"""Correction orders over HTTP (责令纠错, WY-FT 10(2)): the notice within 5 working days of
starting, the rectification period it sets (usually 2 months, at most 4), the rectification."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import Field

from services.identification.domain.correction_order import CorrectionOrder
from services.identification.routes.deps import AppDep
from shared.access.acting import RECORDER_FIELDS, ActedFor, RecordedBy
from shared.access.http import GateDep, access
from shared.access.policy import Action, Target
from shared.contract import events as contract

router = APIRouter(prefix="/fault-tolerance/corrections", tags=["fault tolerance"])
STEP = access(Action.ACT_ON_CASE)
# Who started or sent it may only be the authenticated principal, like every recorder field.
RECORDERS = (*RECORDER_FIELDS, "started_by", "sent_by")


class CorrectionStart(ActedFor):
    cadre: contract.CadreRef
    managing_unit: str = Field(min_length=1)
    co_managing_unit: str | None = None
    pack_id: str = Field(min_length=1, description="the cadre's pack, whose correction clocks apply")
    matter_ref: str = Field(min_length=1, description="the error or mistake to be corrected")
    reason: str = Field(min_length=1)
    started_by: RecordedBy = None
    started_on: date


class NoticeBody(ActedFor):
    sent_by: RecordedBy = None
    sent_on: date
    requirements: str = Field(min_length=1, description="what is to be corrected")
    rectification_months: int | None = Field(default=None, description="the pack's usual period "
                                             "when omitted (WY-FT 10(2): 2 months, at most 4)")


class RectificationBody(ActedFor):
    reported_by: RecordedBy = None
    reported_on: date
    summary: str = Field(min_length=1)


def order_public(order: CorrectionOrder) -> dict[str, Any]:
    return {"order_id": str(order.id), "cadre_id": order.cadre_id, "matter_ref": order.matter_ref,
            "status": order.status, "pack_id": order.pack_id, "pack_version": order.pack_version,
            "clocks": order.clocks, "steps": order.steps}


def _target(order: CorrectionOrder) -> Target:
    return Target.of_cadre(order.cadre_id, order.managing_unit, order.co_managing_unit,
                           order.cadre.get("unit_id"))


@router.post("", status_code=201, openapi_extra=STEP)
def start_correction(body: CorrectionStart, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """Start the correction procedure: the notice is due within the pack's working days."""
    gate.check(Target.of_cadre(body.cadre.cadre_id, body.managing_unit, body.co_managing_unit,
                               body.cadre.unit_id))
    acting = gate.acting.attribute(body, RECORDERS)
    return order_public(app.start_correction(
        cadre=body.cadre.model_dump(), managing_unit=body.managing_unit,
        co_managing_unit=body.co_managing_unit, pack_id=body.pack_id, matter_ref=body.matter_ref,
        reason=body.reason, started_by=str(body.started_by), started_on=body.started_on,
        acting=acting))


@router.get("/{order_id}", openapi_extra=access(Action.READ_CASE))
def get_correction(order_id: UUID, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The order with its steps and clocks (last day on time, met or missed)."""
    order = app.get_correction_order(order_id)
    gate.check(_target(order))
    return order_public(order)


@router.post("/{order_id}/notice", openapi_extra=STEP)
def send_notice(order_id: UUID, body: NoticeBody, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The correction notice was sent: it sets the rectification period (Civil Code counting)."""
    gate.check(_target(app.get_correction_order(order_id)))
    acting = gate.acting.attribute(body, RECORDERS)
    return order_public(app.send_correction_notice(
        order_id, sent_by=str(body.sent_by), sent_on=body.sent_on, requirements=body.requirements,
        rectification_months=body.rectification_months, acting=acting))


@router.post("/{order_id}/rectification", openapi_extra=STEP)
def report_rectification(
        order_id: UUID, body: RectificationBody, app: AppDep, gate: GateDep) -> dict[str, Any]:
    """The written rectification was submitted (its lateness, if any, is on the record)."""
    gate.check(_target(app.get_correction_order(order_id)))
    acting = gate.acting.attribute(body)
    return order_public(app.report_rectification(order_id, reported_by=str(body.reported_by),
                                                 reported_on=body.reported_on, summary=body.summary,
                                                 acting=acting))
