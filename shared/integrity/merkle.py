"""The Merkle tree of RFC 6962 (Certificate Transparency), with its proofs as RFC 9162 states
the algorithms: leaf and node hashes are prefixed differently, so a node never passes for a leaf;
an inclusion proof (audit path) shows one leaf is in a tree of a given size; a consistency proof
shows a tree of size m is the first m leaves of a tree of size n, so nothing sealed was changed,
removed or re-sealed afterwards."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def _split(size: int) -> int:
    """The largest power of two smaller than `size` (size > 1)."""
    k = 1
    while k * 2 < size:
        k *= 2
    return k


class MerkleTree:
    """The tree over a sequence of leaf hashes; subtree hashes are computed once per level."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.levels: list[list[bytes]] = [list(leaves)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            self.levels.append([node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def _hash(self, start: int, end: int) -> bytes:
        """MTH(D[start:end])."""
        size = end - start
        if size == 0:
            return EMPTY_ROOT
        level = size.bit_length() - 1
        if size == 1 << level and start % size == 0:
            return self.levels[level][start >> level]
        k = _split(size)
        return node_hash(self._hash(start, start + k), self._hash(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        return self._hash(0, self.size if size is None else size)

    def inclusion_path(self, index: int, size: int) -> list[bytes]:
        """PATH(index, D[0:size]), from the leaf's sibling upwards."""
        if not 0 <= index < size <= self.size:
            raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
        return self._path(index, 0, size)

    def _path(self, m: int, start: int, end: int) -> list[bytes]:
        if end - start <= 1:
            return []
        k = _split(end - start)
        if m < k:
            return [*self._path(m, start, start + k), self._hash(start + k, end)]
        return [*self._path(m - k, start + k, end), self._hash(start, start + k)]

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """PROOF(first, D[0:second])."""
        if not 0 < first <= second <= self.size:
            raise ValueError(f"no consistency proof from {first} to {second} leaves")
        return self._subproof(first, 0, second, True)

    def _subproof(self, m: int, start: int, end: int, whole: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if whole else [self._hash(start, end)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, start, start + k, whole), self._hash(start + k, end)]
        return [*self._subproof(m - k, start + k, end, False), self._hash(start, start + k)]


def root_from_inclusion(leaf: bytes, index: int, size: int, path: Sequence[bytes]) -> bytes | None:
    """The root an audit path leads to (RFC 9162 2.1.3.2), or None when it cannot be one."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def consistent(first: int, second: int, first_root: bytes, second_root: bytes,
               proof: Sequence[bytes]) -> bool:
    """Whether the proof shows the tree of `first` leaves is the start of the one of `second`
    (RFC 9162 2.1.4.2)."""
    if first == second:
        return not proof and first_root == second_root
    if first == 0 or first > second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # an exact power of two: the old root is itself a node
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


class Frontier:
    """The right edge of a growing tree: the roots of its perfect subtrees, largest first, enough
    to append leaves and compute each new root without the earlier leaves."""

    def __init__(self, subtrees: Sequence[tuple[int, bytes]] = ()) -> None:
        self.subtrees = list(subtrees)

    @property
    def size(self) -> int:
        return sum(size for size, _ in self.subtrees)

    def append(self, leaf: bytes) -> None:
        self.subtrees.append((1, leaf))
        while len(self.subtrees) > 1 and self.subtrees[-1][0] == self.subtrees[-2][0]:
            (size, right), (_, left) = self.subtrees.pop(), self.subtrees.pop()
            self.subtrees.append((size * 2, node_hash(left, right)))

    def root(self) -> bytes:
        if not self.subtrees:
            return EMPTY_ROOT
        root = self.subtrees[-1][1]
        for _, left in reversed(self.subtrees[:-1]):
            root = node_hash(left, root)
        return root
