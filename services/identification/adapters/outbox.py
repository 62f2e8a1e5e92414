"""Which identification domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from typing import Any

from eventsourcing.utils import get_topic

from services.identification.adapters.receipts import RECEIPT_ROUTES, receipts_of
from services.identification.adapters.register_outbox import REGISTER_ROUTES
from services.identification.domain.concern import Concern
from services.identification.domain.correction_order import CorrectionOrder
from services.identification.domain.fault_tolerance import FaultToleranceApplication as FTA
from services.identification.domain.signal import Signal
from services.identification.domain.values import NATS
from shared.contract import events as contract
from shared.contract import identification_events as ident
from shared.contract import reference_events as ref
from shared.contract.envelope import Envelope
from shared.messaging.translation import translator
from shared.reference.data import REFERENCE_SUBJECT, ReferenceData


def _signal_key(value: Any) -> contract.SignalKey | None:
    return contract.SignalKey(**value) if value else None


def _opened(event: Any) -> list[contract.Payload]:
    return [
        contract.ConcernOpened(
            concern_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            managing_unit=event.managing_unit,
            first_signal_id=event.first_signal_id,
            citation=contract.Citation(**event.citation),
            first_signal=_signal_key(getattr(event, "first_signal", None)),
        )
    ]


def _joined(event: Any) -> list[contract.Payload]:
    key = _signal_key(getattr(event, "signal", None))
    if key is None or not getattr(event, "cadre_id", None):  # joined before signals were named by
        # their reporters' ids: nothing to link
        return []
    return [contract.ConcernSignalJoined(concern_id=str(event.originator_id), signal=key,
                                         citation=contract.Citation(**event.citation))]


def _received(event: Any) -> list[contract.Payload]:
    """Every signal reaches the record as a producer's does: one reported over HTTP or derived here
    (a rule hit, a follow-up problem, a revoked grant) is published once, when stored (a re-sent
    one is not stored again). A producer's own message is on the stream already."""
    if getattr(event, "received_via", None) in (None, NATS):  # None: stored before it was kept
        return []
    return [contract.CircumstanceReported(
        signal_id=event.signal_id, source_system=event.source_system, channel=event.channel,
        reporter=event.reporter, cadre=contract.CadreRef(**event.cadre),
        managing_unit=event.managing_unit, co_managing_unit=event.co_managing_unit,
        citation=contract.Citation(**event.citation), summary=event.summary,
        evidence_refs=list(event.evidence_refs), reported_at=event.reported_at,
        matter_ref=getattr(event, "matter_ref", None))]


def _determined(event: Any) -> list[contract.Payload]:
    closed = contract.ConcernClosed(
        concern_id=str(event.originator_id), outcome=event.outcome, closed_by=event.determined_by
    )
    if event.outcome != "unsuitable":
        return [closed]
    # The cadre snapshot and authority live on the Opened event; the relay sees one event at a
    # time, so Determined carries what the adjustment service needs (see Concerns.determine).
    return [
        contract.UnsuitabilityDetermined(
            concern_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            authority=contract.Authority(
                managing_unit=event.managing_unit,
                co_managing_unit=event.co_managing_unit,
                pack_id=event.pack_id,
            ),
            circumstances=[contract.Citation(**c) for c in event.circumstances],
            evidence_refs=event.evidence_refs,
            determined_by=event.determined_by,
            determined_on=event.determined_on,
            signals=[contract.SignalKey(**s) for s in getattr(event, "signals", None) or []],
        ),
        closed,
    ]


def _concern_id(event: Any) -> str:
    return str(event.originator_id)


ROUTES: dict[type, Any] = {
    Signal.Received: _received,
    Concern.Opened: _opened,
    Concern.SignalJoined: _joined,
    Concern.Determined: _determined,
    Concern.RuleHitCited: lambda e: [ident.RuleHit(
        code=e.hit["code"], article=e.hit["article"], pack_id=e.hit["pack_id"],
        subject_id=e.hit["subject_id"], figures=e.hit["figures"], concern_id=_concern_id(e))],
    Concern.MeasureTaken: lambda e: [ident.EarlySignMeasureTaken(
        concern_id=_concern_id(e), measure=e.measure, taken_by=e.taken_by, taken_on=e.taken_on,
        content=e.content)],
    Concern.ObservationExpired: lambda e: [ident.ObservationPeriodExpired(
        concern_id=_concern_id(e), deadline=e.deadline, improved=e.improved)],
    Concern.Clarified: lambda e: [ident.ClarificationRecorded(
        concern_id=_concern_id(e), summary=e.summary, reporter_flagged=e.reporter_flagged)],
    FTA.Applied: lambda e: [ident.FaultToleranceApplied(
        application_id=_concern_id(e), applicant=e.cadre["cadre_id"], matter_ref=e.matter_ref,
        applied_on=e.applied_on)],
    FTA.Decided: lambda e: [
        (ident.FaultToleranceGranted if e.outcome == "granted" else ident.FaultToleranceRefused)(
            application_id=_concern_id(e), matter_ref=e.matter_ref, decided_on=e.on)],
    FTA.ClockMissed: lambda e: [ident.FaultToleranceClockMissed(
        application_id=_concern_id(e), clock=e.clock, due_on=e.due_on, citation=e.citation)],
    FTA.Revoked: lambda e: [ident.FaultToleranceRevoked(
        application_id=_concern_id(e), matter_ref=e.matter_ref, reason=e.reason, revoked_on=e.on)],
    Concern.DeterminationWithdrawn: lambda e: [ident.DeterminationWithdrawn(
        concern_id=_concern_id(e), cadre_id=e.cadre["cadre_id"], reason=e.reason,
        withdrawn_by=e.withdrawn_by, withdrawn_on=e.withdrawn_on)],
    CorrectionOrder.Started: lambda e: [ident.CorrectionOrdered(
        order_id=_concern_id(e), cadre_id=e.cadre["cadre_id"], matter_ref=e.matter_ref,
        started_on=e.started_on, notice_due_on=e.opened["correction_notice"]["due_on"],
        citation=e.opened["correction_notice"]["citation"])],
    CorrectionOrder.NoticeSent: lambda e: [ident.CorrectionNoticeSent(
        order_id=_concern_id(e), cadre_id=e.cadre_id, sent_on=e.sent_on,
        rectification_months=e.rectification_months,
        rectification_due_on=e.opened["rectification"]["due_on"], late=e.late)],
    CorrectionOrder.RectificationReported: lambda e: [ident.RectificationReported(
        order_id=_concern_id(e), cadre_id=e.cadre_id, reported_on=e.reported_on, late=e.late)],
    CorrectionOrder.ClockMissed: lambda e: [ident.FaultToleranceClockMissed(
        application_id=_concern_id(e), clock=e.clock, due_on=e.due_on, citation=e.citation)],
    ReferenceData.PackVersionActivated: lambda e: [ref.PolicyPackActivated(
        pack_id=e.pack_id, version=e.version, effective_from=e.effective_from, content=e.content,
        sha256=e.sha256, activated_by=e.activated_by, activated_on=e.activated_on)],
    ReferenceData.ScheduleActivated: lambda e: [ref.WorkingDayScheduleActivated(
        year=e.year, version=e.version, effective_from=e.effective_from, content=e.content,
        sha256=e.sha256, activated_by=e.activated_by, activated_on=e.activated_on)],
    **REGISTER_ROUTES,
}


def _cadre_of(event: Any, payload: contract.Payload) -> str:
    if isinstance(event, ReferenceData.Event):
        return REFERENCE_SUBJECT  # reference data concerns no cadre
    cadre_id = getattr(event, "cadre_id", None)
    if cadre_id:
        return str(cadre_id)
    cadre = getattr(event, "cadre", None)
    if cadre is None:
        cadre = getattr(payload, "cadre", None)
        return str(cadre.cadre_id) if cadre is not None else ""
    return str(cadre["cadre_id"])


_events = translator("identification", ROUTES, _cadre_of)


def translate(domain_event: Any) -> list[Envelope]:
    """The service's events, and the receipts its producers are owed from the same stored event."""
    return [*_events(domain_event), *receipts_of(domain_event)]


translate.topics = _events.topics | frozenset(  # type: ignore[attr-defined]
    get_topic(cls) for cls in RECEIPT_ROUTES)
