"""The record of access: every refusal, and every supervisory read, is an event in the service's
own store (history is never rewritten) and is published for the audit service's access log."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate, event


class AccessRecord(Aggregate):
    class Recorded(Aggregate.Created):
        service: str
        principal: str
        role: str
        unit: str
        action: str
        what: str
        allowed: bool
        rule: str
        reason: str
        policy_version: str
        at: datetime
        stated_purpose: str | None
        cadre_id: str | None
        units: list[str]

    @event(Recorded)
    def __init__(
        self, service: str, principal: str, role: str, unit: str, action: str, what: str,
        allowed: bool, rule: str, reason: str, policy_version: str, at: datetime,
        stated_purpose: str | None, cadre_id: str | None, units: list[str],
    ) -> None:
        self.service = service
        self.principal = principal
        self.role = role
        self.unit = unit
        self.action = action
        self.what = what
        self.allowed = allowed
        self.rule = rule
        self.reason = reason
        self.policy_version = policy_version
        self.at = at
        self.stated_purpose = stated_purpose
        self.cadre_id = cadre_id
        self.units = units
