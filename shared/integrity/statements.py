"""What the audit log's leaves and signed tree heads are, byte for byte.

A leaf is one stored row of the audit log: its position, the record it belongs to, its version,
its kind, and the SHA-256 of the RFC 8785 form of its content (the event's state as the service
wrote it, before any encryption, so re-encrypting the store changes no leaf). A signed tree head
(checkpoint) is the Ed25519 signature over the canonical form of the head's fields.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.integrity.canonical import canonical, digest
from shared.integrity.merkle import leaf_hash

SCHEME = "cadre-audit/rfc6962+rfc8785/1"
HEAD_FIELDS = ("scheme", "seq", "tree_size", "root", "first_id", "last_id", "previous_root",
               "sealed_at", "key_id")
ROW_FIELDS = ("notification_id", "originator_id", "originator_version", "topic")


class EntryMismatchError(ValueError):
    """The entry's content and its stated digest disagree."""


def state_digest(entry: dict[str, Any]) -> str:
    """The digest of the entry's content: recomputed from `state` when served, else as stated."""
    if "state" in entry:
        computed = digest(entry["state"])
        if entry.get("state_sha256") not in (None, computed):
            raise EntryMismatchError("state_sha256 does not match the state served")
        return computed
    return str(entry["state_sha256"])


def leaf_content(entry: dict[str, Any]) -> dict[str, Any]:
    return {**{k: entry[k] for k in ROW_FIELDS}, "state_sha256": state_digest(entry)}


def leaf_of(entry: dict[str, Any]) -> bytes:
    """The RFC 6962 leaf hash of one row (MTH leaf: SHA-256 of 0x00 and the canonical content)."""
    return leaf_hash(canonical(leaf_content(entry)))


def head_statement(head: dict[str, Any]) -> bytes:
    """The exact bytes a tree head's signature covers."""
    return canonical({k: head[k] for k in HEAD_FIELDS})


def public_key_from(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (SubjectPublicKeyInfo) or 64 hex digits."""
    stripped = text.strip()
    if stripped.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(stripped.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the key is not an Ed25519 public key")
        return key
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(stripped))


def signed_by(key: Ed25519PublicKey, head: dict[str, Any]) -> bool:
    try:
        key.verify(bytes.fromhex(str(head["signature"])), head_statement(head))
    except (InvalidSignature, ValueError, KeyError):
        return False
    return True
