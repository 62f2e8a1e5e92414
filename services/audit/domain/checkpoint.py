"""A checkpoint of the earlier format (a signed hash chain over stored rows, ciphertext
included), before signed tree heads (tree_head.py). Nothing seals one any more; the class stays
so that a store holding them still loads (their rows are not leaves of the tree)."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event


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
        self.links = links
        self.previous_head = previous_head
        self.head = head
        self.merkle_root = merkle_root
        self.sealed_at = sealed_at
        self.key_id = key_id
        self.signature = signature
