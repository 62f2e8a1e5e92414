"""The envelope every integration event travels in, and how subjects are named."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.contract.naming import snake

# Fixed namespace so that the same stored domain event always maps to the same message id,
# which is what makes re-publishing after a crash harmless (JetStream and inbox de-duplication).
EVENT_ID_NAMESPACE = uuid.UUID("6f1d3c1e-5a8b-4c57-9a55-3b9f7e0c2d11")
STREAM_NAME = "CADRE_EVENTS"
DEAD_LETTER_STREAM = "CADRE_DEAD_LETTERS"
DEAD_LETTER_PREFIX = "cadre.deadletter"
# Receipts and outcomes for producer systems, on cadre.receipts.<producer>: kept so a producer
# that was away reads what it missed (each only its own, shared/messaging/permissions.py).
RECEIPTS_STREAM = "CADRE_RECEIPTS"
RECEIPTS_PREFIX = "cadre.receipts"
# The audit service's signed tree heads, apart from the events: never deleted, purged or aged out.
CHECKPOINT_STREAM = "CADRE_CHECKPOINTS"
# The services publish under cadre.<service>; every other source is a producer system, whose
# subjects are cadre.intake.<producer> (which producers exist is operator data, not code).
SERVICE_SOURCES = ("identification", "adjustment", "followup", "audit")


def stable_event_id(*parts: object) -> str:
    """A message id derived from what the event is about, never random."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, ":".join(str(p) for p in parts)))


class Actor(BaseModel):
    """The authenticated person whose request caused the event, as their token named them.

    Services set it from the verified token, never from a request body; an event a service
    raised by itself (a deadline scan, a reaction to another event) has none."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="The token's subject: a person's, cadre's or system's id")
    name: str | None = Field(default=None, description="Display name from the token")
    role: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="The principal's organisation unit")
    on_behalf_of: str | None = Field(
        default=None, description="The organ or person the principal recorded the act for, as stated")


class Envelope(BaseModel):
    """An integration event as published on NATS (JSON body)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Stable message id; also the Nats-Msg-Id header")
    type: str = Field(description="Event name, e.g. CircumstanceReported")
    version: int = Field(ge=1, description="Contract version of the event type")
    source: str = Field(description="Publishing service or producer system")
    occurred_at: datetime
    cadre_id: str = Field(min_length=1, description="The cadre the event concerns")
    data: dict[str, Any]
    actor: Actor | None = Field(default=None, description="Who caused it (authenticated), if a person")
    recipient: str | None = Field(
        default=None, description="The producer system a receipt is addressed to (receipts only)")

    def subject(self) -> str:
        """Producer systems publish under cadre.intake.<producer>; services under cadre.<service>;
        a receipt goes to cadre.receipts.<recipient>, which only that producer may read."""
        if self.recipient is not None:
            return f"cadre.receipts.{self.recipient}.{snake(self.type)}.v{self.version}"
        prefix = self.source if self.source in SERVICE_SOURCES else f"intake.{self.source}"
        return f"cadre.{prefix}.{snake(self.type)}.v{self.version}"
