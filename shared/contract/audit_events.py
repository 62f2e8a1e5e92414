"""Integration events the audit service publishes beyond the core lifecycle events.

Its signed tree heads (checkpoints) go to their own stream, CADRE_CHECKPOINTS (deny-delete,
deny-purge, no age limit), where the audit database cannot rewrite them: a head deleted from the
store and sealed again shows up against the one published (shared/integrity)."""

from __future__ import annotations

from pydantic import Field

from shared.contract.events import EventSpec, Payload, spec

CHECKPOINTS_ABOUT = "audit:checkpoints"  # the envelope's cadre_id: a head is about the whole log


class CheckpointSealed(Payload):
    """The audit service sealed its log into a signed tree head (RFC 6962, Ed25519)."""

    scheme: str = Field(min_length=1, description="how leaves and the signed statement are formed")
    seq: int = Field(ge=1)
    tree_size: int = Field(ge=0, description="entries the tree covers, from the first")
    root: str = Field(min_length=64, max_length=64, description="the tree's root hash (hex)")
    first_id: int = Field(ge=1, description="first log position this head examined")
    last_id: int = Field(ge=1, description="last log position this head examined")
    previous_root: str = Field(min_length=64, max_length=64)
    sealed_at: str = Field(min_length=1)
    key_id: str = Field(min_length=1)
    signature: str = Field(min_length=128, max_length=128, description="Ed25519 over the head (hex)")


SPECS: list[EventSpec] = [spec(CheckpointSealed, "audit")]
