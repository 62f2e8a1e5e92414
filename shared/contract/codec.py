"""Turning NATS message bodies into validated integration events, and back."""

from __future__ import annotations

import json
from dataclasses import dataclass

import orjson
from pydantic import ValidationError

from shared.contract.catalogue import CONTRACT
from shared.contract.envelope import Envelope
from shared.contract.events import Payload
from shared.contract.message_bounds import MessageBoundsError, check_bounds


class ContractViolationError(ValueError):
    """A message is not a valid integration event; the reason names the field."""


@dataclass(frozen=True)
class IntegrationEvent:
    envelope: Envelope
    payload: Payload

    @property
    def id(self) -> str:
        return self.envelope.id

    @property
    def type(self) -> str:
        return self.envelope.type


def _describe(error: ValidationError, prefix: str) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in (prefix, *item["loc"]) if p != "")
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def decode(body: bytes) -> IntegrationEvent:
    """Parse and validate a message body against the contract."""
    try:
        check_bounds(body)
    except MessageBoundsError as error:
        raise ContractViolationError(str(error)) from None
    try:
        raw = _parsed(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError and JSONDecodeError too
        raise ContractViolationError(f"body is not JSON: {error}"[:500]) from None
    if not isinstance(raw, dict):
        raise ContractViolationError("body is not a JSON object")
    try:
        envelope = Envelope.model_validate(raw)
    except ValidationError as error:
        raise ContractViolationError(_describe(error, "")) from None
    spec = CONTRACT.get((envelope.type, envelope.version))
    if spec is None:
        raise ContractViolationError(f"type: unknown event {envelope.type} v{envelope.version}")
    try:
        payload = spec.payload.model_validate(envelope.data)
    except ValidationError as error:
        raise ContractViolationError(_describe(error, "data")) from None
    return IntegrationEvent(envelope=envelope, payload=payload)


def _parsed(body: bytes) -> object:
    """orjson first (the largest part of decoding a message); what it refuses and the standard
    library accepts (integers beyond 64 bits, NaN, lone surrogates) is parsed as before."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return json.loads(body)


def encode(envelope: Envelope) -> bytes:
    # Only a receipt names a recipient; every other message stays as it always was.
    return envelope.model_dump_json(exclude={"recipient"} if envelope.recipient is None else None).encode()


def envelope_for(
    payload: Payload, *, event_id: str, source: str, cadre_id: str, occurred_at: object,
    actor: dict[str, object] | None = None,
) -> Envelope:
    """Wrap a payload in its envelope; the payload's class names the event type."""
    data = json.loads(payload.model_dump_json())
    return Envelope.model_validate(
        {
            "id": event_id,
            "type": payload.type_name(),
            "version": payload.event_version,
            "source": source,
            "occurred_at": occurred_at,
            "cadre_id": cadre_id,
            "data": data,
            "actor": actor,
        }
    )
