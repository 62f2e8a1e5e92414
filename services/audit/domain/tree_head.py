"""A signed tree head (checkpoint): the RFC 6962 tree over every sealed row of the audit log,
from the first row to this head, signed with the audit service's Ed25519 key.

It keeps the leaves it added (so proofs need no re-reading of the rows), the rows it refused to
seal (no valid writer proof) with the reason, and the right edge of the tree (so the next head
extends it without the earlier leaves). Only the fields in `HEAD_FIELDS` are signed."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from shared.integrity.statements import HEAD_FIELDS, SCHEME, head_statement


class TreeHead(Aggregate):
    @staticmethod
    def create_id(seq: int) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:audit-tree-head:{seq}")

    @event("Sealed")
    def __init__(
        self, seq: int, tree_size: int, root: str, first_id: int, last_id: int, previous_root: str,
        sealed_at: str, key_id: str, signature: str, leaves: list[list[Any]],
        refused: list[list[Any]], frontier: list[list[Any]],
    ) -> None:
        self.seq = seq
        self.tree_size = tree_size
        self.root = root
        self.first_id = first_id  # the log positions this head examined, refused rows included
        self.last_id = last_id
        self.previous_root = previous_root
        self.sealed_at = sealed_at
        self.key_id = key_id
        self.signature = signature
        self.leaves = leaves  # [[notification_id, leaf hash hex], ...] added by this head
        self.refused = refused  # [[notification_id, why], ...] rows examined and not sealed
        self.frontier = frontier  # [[subtree size, hash hex], ...] the tree's right edge

    def public(self) -> dict[str, Any]:
        """The signed head, as published and as a proof carries it."""
        return {"scheme": SCHEME, "seq": self.seq, "tree_size": self.tree_size, "root": self.root,
                "first_id": self.first_id, "last_id": self.last_id,
                "previous_root": self.previous_root, "sealed_at": self.sealed_at,
                "key_id": self.key_id, "signature": self.signature}

    def statement(self) -> bytes:
        head = self.public()
        return head_statement({k: head[k] for k in HEAD_FIELDS})
