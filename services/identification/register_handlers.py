"""The personnel system's register changes (cadre.intake.personnel.*) and the lifecycle's moves
(an executed adjustment, a correction on appeal, a reinstatement) → the cadre register.

Only the personnel system states the register: the same events under another producer's name are
refused (dead-lettered with the reason), as a signal under another system's name would be.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import Tracking

from services.identification.application import Concerns
from services.identification.commands.register import PERSONNEL
from services.identification.domain.errors import RegisterAuthorityError
from services.identification.domain.register.entry import AuthorityHeld, PostHeld, RegisterEntry
from shared.contract import events as contract
from shared.contract import register_events as reg
from shared.contract.codec import IntegrationEvent
from shared.messaging.consumption import REGISTER_CHANGES
from shared.messaging.dispatch import ServiceHandler


def _from_personnel(event: IntegrationEvent) -> Any:
    if event.envelope.source != PERSONNEL:
        raise RegisterAuthorityError(
            f"register.source: only the personnel system states the register, not "
            f"{event.envelope.source} / 干部名册只由干部信息系统维护")
    return event.payload


def _post(post: reg.PostHeld) -> PostHeld:
    return PostHeld(post=post.post, unit_id=post.unit_id, rank=post.rank, level=post.level, role=post.role)


def _authority(authority: reg.AuthorityHeld) -> AuthorityHeld:
    return AuthorityHeld(managing_unit=authority.managing_unit,
                         co_managing_unit=authority.co_managing_unit,
                         jurisdiction=authority.jurisdiction, pack_id=authority.pack_id)


def when_cadre_registered(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload: reg.CadreRegistered = _from_personnel(event)
    entry = RegisterEntry(
        cadre_id=payload.cadre_id, name=payload.name, post=_post(payload.post),
        authority=_authority(payload.authority), gender=payload.gender,
        birth_date=payload.birth_date, state=payload.state, effective_on=payload.effective_on)
    app.import_register([entry], payload.effective_on, f"personnel:{payload.change_id}", tracking)


def when_cadre_post_changed(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload: reg.CadrePostChanged = _from_personnel(event)
    app.change_post(payload.cadre_id, _post(payload.post), payload.state, payload.effective_on,
                    payload.reason, f"personnel:{payload.change_id}", tracking)


def when_cadre_authority_changed(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload: reg.CadreAuthorityChanged = _from_personnel(event)
    app.change_authority(payload.cadre_id, _authority(payload.authority), payload.effective_on,
                         f"personnel:{payload.change_id}", tracking)


def when_cadre_left(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload: reg.CadreLeft = _from_personnel(event)
    app.leave(payload.cadre_id, payload.state, payload.effective_on, payload.reason,
              f"personnel:{payload.change_id}", tracking)


def when_adjustment_executed_move_cadre(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload = event.payload
    assert isinstance(payload, contract.AdjustmentExecuted)
    app.move_cadre(payload.cadre.cadre_id, post=payload.new_post, rank=payload.new_rank,
                   level=payload.new_level, unit_id=payload.new_unit_id,
                   state="adjusted", effective_on=payload.effective_on,
                   reason=f"adjustment:{payload.case_id}", tracking=tracking)


def when_adjustment_corrected_move_back(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload = event.payload
    assert isinstance(payload, contract.AdjustmentCorrected)
    record = app.cadre_record(payload.cadre_id)
    if record is None or payload.outcome != "revoked":
        # Modified: the cadre holds the post and rank the appeal decided (what it left unnamed
        # stays as the register has it).
        app.move_cadre(payload.cadre_id, post=payload.restored_post, rank=payload.restored_rank,
                       level=None, unit_id=None, state=record.state if record else "in_post",
                       effective_on=payload.effective_on, reason=f"correction:{payload.appeal_id}",
                       tracking=tracking)
        return
    before = _post_before(record.posts, f"adjustment:{payload.case_id}")
    app.move_cadre(payload.cadre_id, post=payload.restored_post or before.get("post"),
                   rank=payload.restored_rank or before.get("rank"), level=before.get("level"),
                   unit_id=before.get("unit_id"), state="in_post", effective_on=payload.effective_on,
                   reason=f"correction:{payload.appeal_id}", tracking=tracking)


def _post_before(posts: list[dict[str, Any]], reason: str) -> dict[str, Any]:
    """The post held just before the move the correction revokes."""
    for earlier, later in zip(posts, posts[1:], strict=False):
        if later.get("reason") == reason:
            return earlier
    return {}


def when_reinstated_record_new_post(app: Concerns, event: IntegrationEvent, tracking: Tracking) -> None:
    payload = event.payload.model_dump(mode="json")  # followup's contract module, read by field
    post = payload.get("new_post")
    if payload["decision"] == "declined" or not post:
        app.move_cadre(event.envelope.cadre_id, post=None, rank=None, level=None, unit_id=None,
                       state="adjusted", effective_on=date.fromisoformat(payload["decided_on"]),
                       reason="declined", tracking=tracking, moves=False)
        return
    app.move_cadre(event.envelope.cadre_id, post=post["post"], rank=post["rank"], level=post["level"],
                   unit_id=post["unit_id"], state="in_post",
                   effective_on=date.fromisoformat(payload["decided_on"]),
                   reason=f"reinstatement:{payload['plan_id']}", tracking=tracking)


HANDLERS: dict[str, ServiceHandler[Concerns]] = {
    "CadreRegistered": when_cadre_registered,
    "CadrePostChanged": when_cadre_post_changed,
    "CadreAuthorityChanged": when_cadre_authority_changed,
    "CadreLeft": when_cadre_left,
    "AdjustmentExecuted": when_adjustment_executed_move_cadre,
    "AdjustmentCorrected": when_adjustment_corrected_move_back,
    "ReinstatementDecided": when_reinstated_record_new_post,
}
SUBJECTS = list(REGISTER_CHANGES)  # shared/messaging/consumption.py
