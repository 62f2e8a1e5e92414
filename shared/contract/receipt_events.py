"""What identification tells a producer system about its messages, and the outcomes it is owed.

Receipts travel on `cadre.receipts.<producer>.<event>.v<version>` (stream CADRE_RECEIPTS), a
subject only that producer may read. The envelope's `source` is `identification` and its
`recipient` the producer. Each is published by identification's outbox relay from a stored event,
so a receipt never says what the record does not: accepted or joined when the signal is attached
to a concern, rejected when a message is dead-lettered (the refusal is recorded first), the
determination outcome of the concern a producer's signal opened or joined (a petition's feedback
to the complainant), the clarification of a falsely accused cadre, and to the discipline system
the referral a determination makes (IM 33: an adjustment never replaces a sanction).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from shared.contract.events import CadreRef, Citation, EventSpec, Payload, spec

# Where a receipt spec is published: to its recipient producer, never under a service's name.
RECEIPTS = "receipts"
Outcome = Literal["unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline"]


class SignalAccepted(Payload):
    """The producer's signal was recorded and opened a concern about the cadre."""

    signal_id: str = Field(description="the producer's own signal id, as it sent it")
    concern_id: str = Field(description="the concern the signal opened")


class SignalJoined(Payload):
    """The producer's signal was recorded and joined the cadre's open concern."""

    signal_id: str = Field(description="the producer's own signal id, as it sent it")
    concern_id: str = Field(description="the open concern it joined")


class MessageRejected(Payload):
    """A message from the producer was not accepted: dead-lettered with the reason, nothing recorded.

    Re-sending the same message changes nothing; a corrected one (same signal_id) is taken."""

    message_id: str | None = Field(description="the envelope id (Nats-Msg-Id), when it could be read")
    signal_id: str | None = Field(description="the producer's signal id, when it could be read")
    subject: str = Field(description="the subject the message was published on")
    field: str | None = Field(description="the field at fault, e.g. data.cadre.unit_id")
    reason_en: str
    reason_zh: str
    dead_letter_sequence: int = Field(ge=0, description="where it lies on CADRE_DEAD_LETTERS")


class ConcernOutcome(Payload):
    """The determination of a concern the producer's signal opened or joined (for feedback to the
    complainant, e.g. a petition's verification result)."""

    concern_id: str
    signal_ids: list[str] = Field(description="the producer's own signals on the concern")
    outcome: Outcome
    determined_on: date
    circumstances: list[Citation] = Field(default_factory=list)


class CadreClarified(Payload):
    """A falsely accused cadre was clarified (LG-FT 9, WY-FT 11): what the producer may tell the
    people who reported, and that the reporter has been flagged when so."""

    concern_id: str
    signal_ids: list[str] = Field(description="the producer's own signals on the concern")
    cadre_id: str
    summary: str
    reporter_flagged: bool


class DisciplineReferral(Payload):
    """A determination referred the matter to discipline inspection (IM 33: an organisational
    adjustment does not replace a party or government sanction). Sent to the discipline system."""

    concern_id: str
    cadre: CadreRef
    managing_unit: str
    circumstances: list[Citation] = Field(default_factory=list)
    matter_refs: list[str] = Field(default_factory=list, description="accountability matters")
    evidence_refs: list[str] = Field(default_factory=list)
    signals: list[str] = Field(default_factory=list, description="source_system:signal_id of each")
    referred_by: str
    referred_on: date


SPECS: list[EventSpec] = [
    spec(SignalAccepted, RECEIPTS),
    spec(SignalJoined, RECEIPTS),
    spec(MessageRejected, RECEIPTS),
    spec(ConcernOutcome, RECEIPTS),
    spec(CadreClarified, RECEIPTS),
    spec(DisciplineReferral, RECEIPTS),
]
