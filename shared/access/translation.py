"""Publishes the service's access records (refusals, supervisory reads) beside its own events."""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import get_topic

from shared.access.record import AccessRecord
from shared.contract.access_events import AccessRecorded
from shared.contract.envelope import Envelope
from shared.messaging.relay import Translator
from shared.messaging.translation import envelope_from


def access_recorded(event: Any) -> AccessRecorded:
    return AccessRecorded(
        record_id=str(event.originator_id), service=event.service, principal=event.principal,
        role=event.role, unit=event.unit, action=event.action, what=event.what,
        outcome="allowed" if event.allowed else "denied", rule=event.rule, reason=event.reason,
        stated_purpose=event.stated_purpose, cadre_id=event.cadre_id, units=list(event.units),
        policy_version=event.policy_version, at=event.at,
    )


def with_access_records(translate: Translator, service: str) -> Translator:
    def translate_with_access(domain_event: Any) -> list[Envelope]:
        if isinstance(domain_event, AccessRecord.Recorded):
            payload = access_recorded(domain_event)
            # The envelope names a cadre; a record of a list read names the reader instead.
            about = payload.cadre_id or f"access:{payload.principal}"
            return [envelope_from(service, domain_event, payload, about)]
        return list(translate(domain_event))

    topics = getattr(translate, "topics", None)
    if topics is not None:
        translate_with_access.topics = topics | {get_topic(AccessRecord.Recorded)}  # type: ignore[attr-defined]
    return translate_with_access
