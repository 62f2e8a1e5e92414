"""The hash chain over the audit log and the Merkle tree each checkpoint signs.

Each link is SHA-256 over the previous link and the canonical JSON of one stored row, so editing,
removing or reordering any row changes every link after it. A checkpoint signs the last link and a
Merkle root of its links, so one entry's inclusion is proved with a logarithmic path.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no insignificant whitespace, UTF-8: the same value always gives the same bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def link_hash(previous: str, row: dict[str, Any]) -> str:
    """The chain link of one stored row; it covers the previous link."""
    return sha256_hex(canonical_json({"previous": previous, "row": row}))


def _node(left: str, right: str) -> str:
    return sha256_hex(bytes.fromhex("01") + bytes.fromhex(left) + bytes.fromhex(right))


def _leaf(link: str) -> str:
    # Leaves and nodes are prefixed differently so a node can never pass for a leaf (RFC 6962).
    return sha256_hex(bytes.fromhex("00") + bytes.fromhex(link))


def merkle_root(links: list[str]) -> str:
    level = [_leaf(link) for link in links] or [sha256_hex(b"")]
    while len(level) > 1:
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                 for i in range(0, len(level), 2)]
    return level[0]


def merkle_path(links: list[str], index: int) -> list[dict[str, str]]:
    """The sibling hashes from the leaf at `index` up to the root."""
    level = [_leaf(link) for link in links]
    path: list[dict[str, str]] = []
    while len(level) > 1:
        sibling = index ^ 1
        if sibling < len(level):
            path.append({"side": "left" if sibling < index else "right", "hash": level[sibling]})
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i]
                 for i in range(0, len(level), 2)]
        index //= 2
    return path


def root_from_path(link: str, path: list[dict[str, str]]) -> str:
    """Recompute a root from one link and its path: equal to the signed root proves inclusion."""
    current = _leaf(link)
    for step in path:
        current = _node(step["hash"], current) if step["side"] == "left" else _node(current, step["hash"])
    return current
