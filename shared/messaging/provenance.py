"""Provenance bound at the door: an inbound message counts only if who sent it may send it.

The NATS server already refuses a publish outside its user's subjects (shared/messaging/
permissions.py); this check runs again in every consumer, so a misconfigured server cannot forge
the record. A message is accepted only when its subject is the one its envelope's `source`, `type`
and `version` name, the source may publish that type (a service only its own event types, a
registered producer only the types the producer registry grants it), and a producer's
`source_system` is its own name. Anything else is a contract violation: dead-lettered with the
reason, never given an effect.
"""

from __future__ import annotations

from nats.aio.msg import Msg

from shared.contract.catalogue import CONTRACT
from shared.contract.codec import ContractViolationError, IntegrationEvent, decode
from shared.contract.envelope import SERVICE_SOURCES
from shared.producers.registry import ProducerRegistry, producer_registry


class ProvenanceError(ContractViolationError):
    """The sender may not send this message under this name; the reason names the field."""


def provenance_problem(subject: str, event: IntegrationEvent, registry: ProducerRegistry) -> str | None:
    """Why this message may not have come from whom it claims, or None when it may."""
    envelope = event.envelope
    expected = envelope.subject()
    if subject != expected:
        return (f"subject: {subject} does not match source {envelope.source} and type "
                f"{envelope.type} (expected {expected}) / 主题与来源和事件类型不符")
    spec = CONTRACT[(envelope.type, envelope.version)]
    if envelope.source in SERVICE_SOURCES:
        if envelope.source not in spec.sources:
            return (f"type: {envelope.source} does not publish {envelope.type} "
                    f"/ 服务 {envelope.source} 无权发布 {envelope.type}")
        return None
    producer = registry.get(envelope.source)
    if producer is None:
        return f"source: {envelope.source} is not a registered producer / 未登记的报送系统"
    # "intake": any producer's subject; "intake.<name>": that one producer's (the personnel system's
    # register changes).
    on_intake = "intake" in spec.sources or f"intake.{producer.name}" in spec.sources
    if not on_intake or envelope.type not in producer.publishes:
        return (f"type: producer {producer.name} may not publish {envelope.type} "
                f"/ 报送系统 {producer.name} 无权报送 {envelope.type}")
    source_system = getattr(event.payload, "source_system", None)
    if source_system is not None and source_system != producer.name:
        return (f"data.source_system: {source_system} is not the sender {producer.name} "
                f"/ 来源系统须为报送者本身")
    return None


def decode_inbound(msg: Msg) -> IntegrationEvent:
    """Decode a delivered message and check its provenance; raise ContractViolationError if not."""
    event = decode(msg.data)
    problem = provenance_problem(msg.subject, event, producer_registry())
    if problem is not None:
        raise ProvenanceError(f"provenance: {problem}")
    return event
