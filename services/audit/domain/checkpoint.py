"""A signed checkpoint: the links of a run of audit-log rows, sealed with an Ed25519 signature."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.audit.domain.chain import canonical_json


def seal_statement(
    seq: int, first_id: int, last_id: int, previous_head: str, head: str, root: str, sealed_at: str
) -> bytes:
    """The exact bytes a checkpoint's signature covers."""
    return canonical_json({
        "seq": seq, "first_id": first_id, "last_id": last_id, "previous_head": previous_head,
        "head": head, "merkle_root": root, "sealed_at": sealed_at,
    })


class Checkpoint(Aggregate):
    @staticmethod
    def create_id(seq: int) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-checkpoint:{seq}")

    @event("Sealed")
    def __init__(
        self, seq: int, links: list[list[Any]], previous_head: str, head: str, merkle_root: str,
        sealed_at: str, key_id: str, signature: str,
    ) -> None:
        self.seq = seq
        self.links = links  # [[notification_id, link_hash], ...] in log order
        self.previous_head = previous_head
        self.head = head
        self.merkle_root = merkle_root
        self.sealed_at = sealed_at
        self.key_id = key_id
        self.signature = signature

    @property
    def first_id(self) -> int:
        return int(self.links[0][0])

    @property
    def last_id(self) -> int:
        return int(self.links[-1][0])

    def statement(self) -> bytes:
        return seal_statement(self.seq, self.first_id, self.last_id, self.previous_head, self.head,
                              self.merkle_root, self.sealed_at)

    def public(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "first_id": self.first_id, "last_id": self.last_id,
            "previous_head": self.previous_head, "head": self.head, "merkle_root": self.merkle_root,
            "sealed_at": self.sealed_at, "key_id": self.key_id, "signature": self.signature,
        }
