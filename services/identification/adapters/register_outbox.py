"""The register's changes as the integration events other services learn the register from."""

from __future__ import annotations

from typing import Any

from services.identification.domain.register.cadre_record import CadreRecord
from shared.contract import events as contract
from shared.contract import register_events as reg


def _change_id(event: Any) -> str:
    return f"{event.originator_id}:{event.originator_version}"


def _registered(event: Any) -> list[contract.Payload]:
    person = event.person
    return [reg.CadreRegistered(
        change_id=_change_id(event), cadre_id=event.cadre_id, name=person["name"],
        gender=person.get("gender"), birth_date=person.get("birth_date"),
        post=reg.PostHeld(**event.post), authority=reg.AuthorityHeld(**event.authority),
        state=event.state, effective_on=event.effective_on)]


def _post_changed(event: Any) -> list[contract.Payload]:
    return [reg.CadrePostChanged(
        change_id=_change_id(event), cadre_id=event.cadre_id, post=reg.PostHeld(**event.post),
        state=event.state, reason=event.reason, effective_on=event.effective_on)]


def _authority_changed(event: Any) -> list[contract.Payload]:
    return [reg.CadreAuthorityChanged(
        change_id=_change_id(event), cadre_id=event.cadre_id,
        authority=reg.AuthorityHeld(**event.authority), effective_on=event.effective_on)]


def _state_changed(event: Any) -> list[contract.Payload]:
    if event.state not in ("on_leave", "retired"):
        return []  # back in post: the next post change says where
    return [reg.CadreLeft(change_id=_change_id(event), cadre_id=event.cadre_id, state=event.state,
                          reason=event.reason, effective_on=event.effective_on)]


REGISTER_ROUTES: dict[type, Any] = {
    CadreRecord.Registered: _registered,
    CadreRecord.PostChanged: _post_changed,
    CadreRecord.AuthorityChanged: _authority_changed,
    CadreRecord.StateChanged: _state_changed,
}
