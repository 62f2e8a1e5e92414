"""The RFC 6962 tree and its proofs, against the definition written out plainly (RFC 6962 2.1),
for every tree size and leaf up to 33 leaves, and against RFC 6962's own test vectors."""

from __future__ import annotations

import hashlib

import pytest

from shared.integrity.merkle import (
    EMPTY_ROOT,
    Frontier,
    MerkleTree,
    consistent,
    leaf_hash,
    node_hash,
    root_from_inclusion,
)

LEAVES = [leaf_hash(f"entry {n}".encode()) for n in range(33)]


def mth(leaves: list[bytes]) -> bytes:
    """MTH as RFC 6962 defines it, recursively."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def test_the_root_and_the_frontier_agree_with_the_definition_at_every_size() -> None:
    tree = MerkleTree(LEAVES)
    frontier = Frontier()
    assert tree.root(0) == EMPTY_ROOT == frontier.root()
    for size in range(1, len(LEAVES) + 1):
        frontier.append(LEAVES[size - 1])
        assert tree.root(size) == mth(LEAVES[:size]) == frontier.root()
        assert Frontier(frontier.subtrees).size == size


def test_every_inclusion_proof_leads_to_the_root_and_only_for_its_own_leaf() -> None:
    tree = MerkleTree(LEAVES)
    for size in range(1, len(LEAVES) + 1):
        root = tree.root(size)
        for index in range(size):
            path = tree.inclusion_path(index, size)
            assert root_from_inclusion(LEAVES[index], index, size, path) == root
            other = LEAVES[(index + 1) % len(LEAVES)]
            assert root_from_inclusion(other, index, size, path) != root
            if size > 1:
                assert root_from_inclusion(LEAVES[index], (index + 1) % size, size, path) != root


def test_every_consistency_proof_holds_and_a_rewritten_history_fails_it() -> None:
    tree = MerkleTree(LEAVES)
    rewritten = MerkleTree([*LEAVES[:5], leaf_hash(b"edited"), *LEAVES[6:]])
    for second in range(1, len(LEAVES) + 1):
        for first in range(1, second + 1):
            proof = tree.consistency_proof(first, second)
            assert consistent(first, second, tree.root(first), tree.root(second), proof)
            if first > 5:  # the old head covered the edited leaf: no proof from the new tree fits
                forged = rewritten.consistency_proof(first, second)
                assert not consistent(first, second, tree.root(first), rewritten.root(second), forged)
    assert not consistent(4, 8, tree.root(4), tree.root(8), [])


@pytest.mark.parametrize(("size", "root"), [
    (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
    (2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
    (3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
    (8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
])
def test_rfc6962_test_vectors(size: int, root: str) -> None:
    # The leaves of the certificate-transparency reference tests.
    data = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"]
    tree = MerkleTree([leaf_hash(bytes.fromhex(d)) for d in data[:size]])
    assert tree.root().hex() == root
