"""RFC 8785 (JSON Canonicalization Scheme): the same JSON value always gives the same bytes,
however it was serialised when served."""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785


def canonical(value: Any) -> bytes:
    return rfc8785.dumps(value)


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def digest(value: Any) -> str:
    """SHA-256 of the value's canonical form."""
    return sha256_hex(canonical(value))
