"""Inbound integration events → follow-up application calls, routed by a plain dict."""

from __future__ import annotations

from eventsourcing.persistence import Tracking

from services.followup.application import FollowUpPlans
from shared.contract import events as contract
from shared.contract.codec import IntegrationEvent
from shared.messaging.dispatch import ServiceHandler


def when_adjustment_executed_open_plan(
    app: FollowUpPlans, event: IntegrationEvent, tracking: Tracking
) -> None:
    p = event.payload
    assert isinstance(p, contract.AdjustmentExecuted)
    app.open_plan(
        case_id=p.case_id, cadre_id=p.cadre.cadre_id, pack_id=p.pack_id, method=p.method,
        effective_on=p.effective_on, former_post=p.former_post, former_rank=p.former_rank,
        tracking=tracking,
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


HANDLERS: dict[str, ServiceHandler[FollowUpPlans]] = {
    "AdjustmentExecuted": when_adjustment_executed_open_plan,
    "ConcernOpened": when_concern_opened_note_it,
    "ConcernClosed": when_concern_closed_note_it,
}
