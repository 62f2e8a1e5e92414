"""Verifying the audit log against its signed tree heads, and the heads against those published
outside the database.

The rows are read back and each leaf recomputed from the row's content; every head must be
signed, follow the one before, and have exactly the leaves of the rows it examined (rows without
a valid writer proof refused, never sealed). The roots are recomputed from the leaves, and each
head is checked to be the start of the next with an RFC 6962 consistency proof. Heads published
where the audit database cannot rewrite them (JetStream with deny-delete; the annual filing) must
be the ones in the store: a deleted head, a head sealed twice, or a rewritten history shows up as
a published head the store no longer agrees with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from shared.integrity.merkle import EMPTY_ROOT, Frontier, MerkleTree, consistent


class Head(Protocol):
    seq: int
    tree_size: int
    root: str
    first_id: int
    last_id: int
    previous_root: str
    signature: str
    leaves: list[list[Any]]
    refused: list[list[Any]]

    def statement(self) -> bytes: ...

    def public(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class SealRow:
    """One row of the log as the sealer and the verifier see it: its leaf, or why it has none."""

    notification_id: int
    leaf: str | None
    problem: str | None
    describe: dict[str, Any]


@dataclass
class VerificationReport:
    ok: bool = True
    rows_checked: int = 0
    checkpoints_checked: int = 0
    published_checked: int = 0
    sealed_through: int = 0
    tree_size: int = 0
    unsealed_rows: int = 0
    first_broken: dict[str, Any] | None = None
    unproven_rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, problem: str, broken: dict[str, Any] | None = None) -> None:
        self.ok = False
        self.problems.append(problem)
        if broken is not None and self.first_broken is None:
            self.first_broken = broken


def check_heads(heads: Sequence[Head], signed: Callable[[bytes, str], bool],
                report: VerificationReport) -> None:
    """Each head signed, numbered in turn, following the previous head's root."""
    previous_root, previous_size = EMPTY_ROOT.hex(), 0
    for expected_seq, head in enumerate(heads, start=1):
        report.checkpoints_checked += 1
        if head.seq != expected_seq:
            report.fail(f"checkpoint {expected_seq} is missing (found {head.seq})")
        if not signed(head.statement(), head.signature):
            report.fail(f"checkpoint {head.seq}: its signature does not verify with the audit key")
        if head.previous_root != previous_root:
            report.fail(f"checkpoint {head.seq}: does not follow the previous checkpoint's root")
        if head.tree_size != previous_size + len(head.leaves):
            report.fail(f"checkpoint {head.seq}: its size is not the previous size and its leaves")
        previous_root, previous_size = head.root, head.tree_size


def _check_rows(rows: Iterable[SealRow], heads: Sequence[Head], report: VerificationReport) -> list[str]:
    """Compare each row with what its head sealed; return the leaves recomputed from the rows,
    in log order, for the sealed rows found."""
    sealed = {int(n): (head.seq, str(h)) for head in heads for n, h in head.leaves}
    refused = {int(n): head.seq for head in heads for n, _ in head.refused}
    report.sealed_through = max((h.last_id for h in heads), default=0)
    leaves, seen = [], set()
    for row in rows:
        report.rows_checked += 1
        seen.add(row.notification_id)
        if row.problem is not None:
            # Nothing the service writes lacks a valid proof: such a row was put there by hand.
            report.unproven_rows.append({**row.describe, "problem": row.problem})
            if row.notification_id in sealed:  # sealed once, damaged since
                report.fail(f"entry {row.notification_id} {row.problem}", row.describe)
            elif row.notification_id in refused:
                report.fail(f"entry {row.notification_id} {row.problem}; checkpoint "
                            f"{refused[row.notification_id]} refused to seal it", row.describe)
            else:
                report.fail(f"entry {row.notification_id} {row.problem}; it is not sealed", row.describe)
            continue
        if row.notification_id in sealed:
            seq, expected = sealed[row.notification_id]
            if expected != row.leaf:
                report.fail(f"entry {row.notification_id} does not match its leaf sealed in "
                            f"checkpoint {seq}", row.describe)
            leaves.append(str(row.leaf))
        elif row.notification_id <= report.sealed_through:
            report.fail(f"entry {row.notification_id} was slipped into a sealed range", row.describe)
        else:
            report.unsealed_rows += 1
    for missing in sorted(set(sealed) - seen):
        report.fail(f"sealed entry {missing} is missing from the log", {"notification_id": missing})
    return leaves


def check_tree(leaves: Sequence[str], heads: Sequence[Head], published: Sequence[dict[str, Any]],
               report: VerificationReport) -> None:
    """The roots recomputed from the rows' leaves, and each head the start of the next."""
    tree = MerkleTree([bytes.fromhex(h) for h in leaves])
    report.tree_size = tree.size
    chain = [h.public() for h in heads]
    for head in chain:
        if head["tree_size"] > tree.size or tree.root(head["tree_size"]).hex() != head["root"]:
            report.fail(f"checkpoint {head['seq']}: the rows no longer give its root")
    for older, newer in zip(chain, chain[1:], strict=False):
        _consistency(tree, older, newer, report)
    for head in published:
        if 0 < head["tree_size"] <= tree.size:
            _consistency(tree, head, chain[-1] if chain else head, report)
        elif head["tree_size"] > tree.size:
            report.fail(f"published checkpoint {head['seq']} covers {head['tree_size']} entries; "
                        f"the log holds {tree.size}")


def _consistency(tree: MerkleTree, older: dict[str, Any], newer: dict[str, Any],
                 report: VerificationReport) -> None:
    first, second = older["tree_size"], newer["tree_size"]
    if first == 0 or first > second or second > tree.size:
        return
    proof = tree.consistency_proof(first, second)
    if not consistent(first, second, bytes.fromhex(older["root"]), bytes.fromhex(newer["root"]), proof):
        report.fail(f"checkpoint {older['seq']} is not the start of checkpoint {newer['seq']} "
                    f"(RFC 6962 consistency)")


def check_published(heads: Sequence[Head], published: Sequence[dict[str, Any]],
                    signed: Callable[[bytes, str], bool], head_statement: Callable[[dict[str, Any]], bytes],
                    report: VerificationReport) -> None:
    """Every head published outside the database must be in the store, as published, once."""
    stored = {h.seq: h.public() for h in heads}
    by_seq: dict[int, list[dict[str, Any]]] = {}
    for head in published:
        report.published_checked += 1
        if not signed(head_statement(head), str(head.get("signature"))):
            report.fail(f"published checkpoint {head.get('seq')}: its signature does not verify")
            continue
        by_seq.setdefault(int(head["seq"]), []).append(head)
    for seq, versions in sorted(by_seq.items()):
        if len({(v["root"], v["tree_size"], v["last_id"]) for v in versions}) > 1:
            report.fail(f"checkpoint {seq} was sealed more than once with different contents "
                        f"(published {len(versions)} times): history was re-sealed")
        if seq not in stored:
            report.fail(f"published checkpoint {seq} is missing from the store")
        elif any(stored[seq] != v for v in versions):
            report.fail(f"checkpoint {seq} in the store is not the one published")


def verify_log(rows: Iterable[SealRow], heads: Sequence[Head], signed: Callable[[bytes, str], bool],
               published: Sequence[dict[str, Any]] = (),
               head_statement: Callable[[dict[str, Any]], bytes] | None = None) -> VerificationReport:
    report = VerificationReport()
    check_heads(heads, signed, report)
    leaves = _check_rows(rows, heads, report)
    check_tree(leaves, heads, [h for h in published if _signed_published(h, signed, head_statement)],
               report)
    if head_statement is not None:
        check_published(heads, published, signed, head_statement, report)
    return report


def _signed_published(head: dict[str, Any], signed: Callable[[bytes, str], bool],
                      head_statement: Callable[[dict[str, Any]], bytes] | None) -> bool:
    return head_statement is not None and signed(head_statement(head), str(head.get("signature")))


def frontier_of(head: Head | None) -> Frontier:
    """The right edge a new head extends (empty before the first)."""
    if head is None:
        return Frontier()
    return Frontier([(int(size), bytes.fromhex(h)) for size, h in getattr(head, "frontier", [])])
