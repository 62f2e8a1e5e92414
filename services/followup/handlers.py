"""Inbound integration events → follow-up application calls, routed by a plain dict."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.persistence import Tracking

from services.followup.application import FollowUpPlans
from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.standing import CadreStanding
from shared.contract import events as contract
from shared.contract.codec import IntegrationEvent
from shared.messaging.consumption import CONSUMES
from shared.messaging.dispatch import ServiceHandler


def when_adjustment_executed_open_plan(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    p = event.payload
    assert isinstance(p, contract.AdjustmentExecuted)
    authority = p.authority  # None: the plan stays out of every officer's reach (Target.unknown)
    app.open_plan(
        case_id=p.case_id, cadre_id=p.cadre.cadre_id, pack_id=p.pack_id, method=p.method,
        effective_on=p.effective_on, former_post=p.former_post, former_rank=p.former_rank,
        unit_id=p.cadre.unit_id, managing_unit=authority.managing_unit if authority else None,
        co_managing_unit=authority.co_managing_unit if authority else None, tracking=tracking,
    )


def when_adjustment_corrected_correct_plan(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    p = event.payload
    assert isinstance(p, contract.AdjustmentCorrected)
    app.correct_plan(
        case_id=p.case_id, outcome=p.outcome, reason=p.reason, appeal_id=p.appeal_id,
        new_method=p.new_method, corrected_on=p.effective_on, tracking=tracking,
    )


def when_concern_opened_note_it(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    p = event.payload
    assert isinstance(p, contract.ConcernOpened)
    app.note_concern(p.cadre.cadre_id, p.concern_id, opened=True, tracking=tracking)


def when_concern_closed_note_it(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    p = event.payload
    assert isinstance(p, contract.ConcernClosed)
    app.note_concern(event.envelope.cadre_id, p.concern_id, opened=False, tracking=tracking)


def when_appeal_lodged_note_it(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    # The adjustment service's own contract module; read by field so this service imports nothing
    # of it beyond the shared catalogue that decoded the message.
    app.note_appeal(event.envelope.cadre_id, event.payload.model_dump(), decided=False,
                    tracking=tracking)


def when_appeal_decided_note_it(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    app.note_appeal(event.envelope.cadre_id, event.payload.model_dump(), decided=True,
                    tracking=tracking)


def when_register_changed_note_it(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    """The register's post and level, read by field like the adjustment service's events."""
    payload = event.payload.model_dump(mode="json")
    app.note_register(payload["cadre_id"], payload["post"],
                      date.fromisoformat(payload["effective_on"]), tracking=tracking)


def preload_standings(app: FollowUpPlans, events: list[IntegrationEvent]) -> None:
    """What a batch will load, in one query: each cadre's standing and each adjusted case's plan."""
    ids: list[UUID] = []
    for event in events:
        if event.type in HANDLERS:
            ids.append(CadreStanding.create_id(event.envelope.cadre_id))
        case_id = getattr(event.payload, "case_id", None)
        if event.type in ("AdjustmentExecuted", "AdjustmentCorrected") and case_id:
            ids.append(FollowUpPlan.create_id(str(case_id)))
    app.preload(ids)


HANDLERS: dict[str, ServiceHandler[FollowUpPlans]] = {
    "AdjustmentExecuted": when_adjustment_executed_open_plan,
    "AdjustmentCorrected": when_adjustment_corrected_correct_plan,
    "ConcernOpened": when_concern_opened_note_it,
    "ConcernClosed": when_concern_closed_note_it,
    "AppealLodged": when_appeal_lodged_note_it,
    "AppealDecided": when_appeal_decided_note_it,
    "CadreRegistered": when_register_changed_note_it,
    "CadrePostChanged": when_register_changed_note_it,
}

SUBJECTS = list(CONSUMES["followup"])  # shared/messaging/consumption.py
