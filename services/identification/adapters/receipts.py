"""Receipts and outcomes for producer systems, from identification's stored events.

Each route maps a stored domain event to (recipient producer, payload) pairs; only registered
producers receive anything (a case officer's signal has no system to answer). Message ids derive
from the stored event and the recipient, so re-publishing after a crash repeats them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from services.identification.domain.concern import Concern
from services.identification.domain.refusal import Refusal
from shared.contract import receipt_events as receipts
from shared.contract.codec import envelope_for
from shared.contract.envelope import Envelope, stable_event_id
from shared.contract.events import CadreRef, Citation, Payload
from shared.eventstore.actor import actor_of
from shared.producers.registry import producer_registry

SOURCE = "identification"
Addressed = list[tuple[str, Payload]]


def _registered(source_system: str) -> bool:
    return producer_registry().get(source_system) is not None


def _by_producer(signals: Sequence[dict[str, str]] | None) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for key in signals or ():
        if _registered(key["source_system"]):
            grouped[key["source_system"]].append(key["signal_id"])
    return dict(grouped)


def _opened(event: Any) -> Addressed:
    key = getattr(event, "first_signal", None)
    if not key or not _registered(key["source_system"]):
        return []
    return [(key["source_system"], receipts.SignalAccepted(
        signal_id=key["signal_id"], concern_id=str(event.originator_id)))]


def _joined(event: Any) -> Addressed:
    key = getattr(event, "signal", None)
    if not key or not _registered(key["source_system"]):
        return []
    return [(key["source_system"], receipts.SignalJoined(
        signal_id=key["signal_id"], concern_id=str(event.originator_id)))]


def _determined(event: Any) -> Addressed:
    concern_id = str(event.originator_id)
    circumstances = [Citation(**c) for c in event.circumstances]
    signals = getattr(event, "signals", None) or []
    out: Addressed = [
        (producer, receipts.ConcernOutcome(
            concern_id=concern_id, signal_ids=ids, outcome=event.outcome,
            determined_on=event.determined_on, circumstances=circumstances))
        for producer, ids in _by_producer(signals).items()]
    if event.outcome == "referred_to_discipline":
        referral = receipts.DisciplineReferral(
            concern_id=concern_id, cadre=CadreRef(**event.cadre), managing_unit=event.managing_unit,
            circumstances=circumstances, matter_refs=list(getattr(event, "matter_refs", None) or []),
            evidence_refs=list(event.evidence_refs),
            signals=[f"{s['source_system']}:{s['signal_id']}" for s in signals],
            referred_by=event.determined_by, referred_on=event.determined_on)
        out += [(producer, referral) for producer in producer_registry().receiving("DisciplineReferral")]
    return out


def _clarified(event: Any) -> Addressed:
    return [(producer, receipts.CadreClarified(
        concern_id=str(event.originator_id), signal_ids=ids, cadre_id=event.cadre_id,
        summary=event.summary, reporter_flagged=event.reporter_flagged))
        for producer, ids in _by_producer(getattr(event, "signals", None)).items()]


def _refused(event: Any) -> Addressed:
    return [(event.producer, receipts.MessageRejected(
        message_id=event.message_id, signal_id=event.signal_id, subject=event.subject,
        field=event.field, reason_en=event.reason_en, reason_zh=event.reason_zh,
        dead_letter_sequence=event.dead_letter_sequence))]


RECEIPT_ROUTES: dict[type, Callable[[Any], Addressed]] = {
    Concern.Opened: _opened,
    Concern.SignalJoined: _joined,
    Concern.Determined: _determined,
    Concern.Clarified: _clarified,
    Refusal.Created: _refused,
}


def _cadre_of(event: Any) -> str:
    cadre = getattr(event, "cadre", None)
    return str(getattr(event, "cadre_id", None) or (cadre or {}).get("cadre_id") or "unknown")


def receipts_of(domain_event: Any) -> list[Envelope]:
    route = RECEIPT_ROUTES.get(type(domain_event))
    if route is None:
        return []
    envelopes = []
    for recipient, payload in route(domain_event):
        envelope = envelope_for(
            payload, source=SOURCE, cadre_id=_cadre_of(domain_event),
            event_id=stable_event_id(SOURCE, domain_event.originator_id,
                                     domain_event.originator_version, type(payload).__name__,
                                     recipient),
            occurred_at=domain_event.timestamp, actor=actor_of(domain_event))
        envelopes.append(envelope.model_copy(update={"recipient": recipient}))
    return envelopes
