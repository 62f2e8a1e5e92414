"""A producer's message that was not accepted, as the record keeps it, so the producer is told why.

The consumer dead-letters the message with its reason; identification records the refusal here and
its outbox sends the producer a MessageRejected receipt from that stored event. The reasons the
consumer gives are "<kind>: <field>: <English> / <Chinese>" (or without a Chinese part, or a field);
`explain` reads them into the field at fault and the reason in both languages.
"""

from __future__ import annotations

import re
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

PREFIXES = ("contract violation: ", "provenance: ", "rejected by identification: ")
FIELD = re.compile(r"^([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*): ")
GENERIC_ZH = {
    "contract violation": "消息不符合事件契约，未予接收",
    "rejected by": "消息被业务规则拒收，未予记录",
    "gave up": "消息多次处理失败，已转入死信，未予记录",
    "undecodable": "消息无法解析，未予接收",
}


def explain(reason: str) -> tuple[str | None, str, str]:
    """(field at fault, reason in English, reason in Chinese) of a dead-letter reason."""
    text = reason
    for prefix in PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    english, _, chinese = text.partition(" / ")
    match = FIELD.match(english)
    field = match.group(1) if match else None
    generic = next((zh for kind, zh in GENERIC_ZH.items() if reason.startswith(kind)),
                   "消息未予接收")
    zh = chinese.strip() or (f"{generic}（字段 {field}）" if field else generic)
    return field, english.strip() or reason, zh


class Refusal(Aggregate):
    """One dead-lettered message of one producer (one per dead-letter stream sequence)."""

    @staticmethod
    def create_id(dead_letter_sequence: int) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:refusal:{dead_letter_sequence}")

    def __init__(self, producer: str, subject: str, dead_letter_sequence: int,
                 message_id: str | None, signal_id: str | None, cadre_id: str | None,
                 field: str | None, reason_en: str, reason_zh: str) -> None:
        self.producer = producer
        self.subject = subject
        self.dead_letter_sequence = dead_letter_sequence
        self.message_id = message_id
        self.signal_id = signal_id
        self.cadre_id = cadre_id
        self.field = field
        self.reason_en = reason_en
        self.reason_zh = reason_zh

    @classmethod
    def record(cls, producer: str, subject: str, dead_letter_sequence: int, message_id: str | None,
               signal_id: str | None, cadre_id: str | None, reason: str) -> Refusal:
        field, english, chinese = explain(reason)
        return cls(producer=producer, subject=subject, dead_letter_sequence=dead_letter_sequence,
                   message_id=message_id, signal_id=signal_id, cadre_id=cadre_id, field=field,
                   reason_en=english[:1000], reason_zh=chinese[:1000])
