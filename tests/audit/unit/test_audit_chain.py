"""Verifying the log against its signed tree heads and the published ones (pure): leaves from
the rows' content, heads signed and in succession, RFC 6962 consistency, re-sealing detected."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from services.audit.domain.integrity import SealRow, frontier_of, verify_log
from shared.integrity.canonical import canonical
from shared.integrity.statements import SCHEME, head_statement, leaf_of


def row(n: int, text: str = "免职", problem: str | None = None) -> SealRow:
    entry = {"notification_id": n, "originator_id": f"o{n}", "originator_version": 1, "topic": "t",
             "state": {"entry": {"n": n, "text": text}}}
    describe = {k: v for k, v in entry.items() if k != "state"}
    return SealRow(n, None if problem else leaf_of(entry).hex(), problem, describe)


@dataclass
class FakeHead:
    seq: int
    tree_size: int
    root: str
    first_id: int
    last_id: int
    previous_root: str
    leaves: list[list[Any]]
    refused: list[list[Any]] = field(default_factory=list)
    frontier: list[list[Any]] = field(default_factory=list)
    signature: str = "good"
    sealed_at: str = "2026-01-01T00:00:00+00:00"

    def public(self) -> dict[str, Any]:
        return {"scheme": SCHEME, "seq": self.seq, "tree_size": self.tree_size, "root": self.root,
                "first_id": self.first_id, "last_id": self.last_id, "previous_root": self.previous_root,
                "sealed_at": self.sealed_at, "key_id": "k", "signature": self.signature}

    def statement(self) -> bytes:
        return head_statement(self.public())


def seal(rows: list[SealRow], size: int) -> list[FakeHead]:
    """Heads as the sealer makes them: `size` rows each, rows with a problem refused."""
    heads: list[FakeHead] = []
    for start in range(0, len(rows), size):
        batch = rows[start:start + size]
        previous = heads[-1] if heads else None
        frontier = frontier_of(previous)
        previous_root = frontier.root().hex()
        leaves = []
        for r in batch:
            if r.leaf is not None:
                frontier.append(bytes.fromhex(r.leaf))
                leaves.append([r.notification_id, r.leaf])
        heads.append(FakeHead(len(heads) + 1, frontier.size, frontier.root().hex(), batch[0].notification_id,
                              batch[-1].notification_id, previous_root, leaves,
                              [[r.notification_id, r.problem] for r in batch if r.leaf is None],
                              [[s, h.hex()] for s, h in frontier.subtrees]))
    return heads


def signed(statement: bytes, signature: str) -> bool:
    return signature == "good"


def test_canonical_json_ignores_key_order_and_keeps_chinese() -> None:
    assert canonical({"b": 1, "a": "免"}) == canonical({"a": "免", "b": 1}) == '{"a":"免","b":1}'.encode()


def test_an_untouched_log_verifies_with_its_published_heads() -> None:
    log = [row(n) for n in range(1, 11)]
    heads = seal(log[:8], 3)
    report = verify_log(log, heads, signed, [h.public() for h in heads], head_statement)
    assert report.ok, report.problems
    assert (report.rows_checked, report.sealed_through, report.unsealed_rows, report.checkpoints_checked,
            report.published_checked, report.tree_size) == (10, 8, 2, 3, 3, 8)


def test_an_edited_row_is_named_as_the_first_broken_entry() -> None:
    log = [row(n) for n in range(1, 11)]
    heads = seal(log, 4)
    log[5], log[7] = row(6, "平职调整"), row(8, "降职")
    report = verify_log(log, heads, signed)
    assert not report.ok
    assert report.first_broken is not None and report.first_broken["notification_id"] == 6


def test_a_removed_row_and_a_forged_signature_are_reported() -> None:
    log = [row(n) for n in range(1, 7)]
    heads = seal(log, 3)
    heads[1].signature = "forged"
    report = verify_log([r for r in log if r.notification_id != 2], heads, signed)
    assert report.first_broken == {"notification_id": 2}
    assert any("signature" in p for p in report.problems)


def test_a_row_without_a_valid_writer_proof_is_refused_and_reported_not_sealed() -> None:
    log = [row(1), row(2), row(3, problem="its writer proof does not match"), row(4)]
    heads = seal(log, 4)
    assert [n for n, _ in heads[0].leaves] == [1, 2, 4] and heads[0].refused[0][0] == 3
    report = verify_log(log, heads, signed)
    # The head refused it, and the rows it sealed still hold; the forged row is reported.
    assert not report.ok and report.problems == [
        "entry 3 its writer proof does not match; checkpoint 1 refused to seal it"]
    assert [r["notification_id"] for r in report.unproven_rows] == [3]
    appended = [*log, row(5, problem="carries no writer proof")]
    later = verify_log(appended, heads, signed)
    assert "entry 5 carries no writer proof; it is not sealed" in later.problems


def test_a_row_slipped_into_a_sealed_range_is_named() -> None:
    log = [row(n) for n in range(1, 5)]
    heads = seal([log[0], log[1], log[3]], 3)
    report = verify_log(log, heads, signed)
    assert report.first_broken is not None and report.first_broken["notification_id"] == 3
    assert "slipped" in report.problems[0]


def test_deleting_the_heads_and_sealing_again_is_seen_against_the_published_ones() -> None:
    log = [row(n) for n in range(1, 9)]
    published = [h.public() for h in seal(log, 4)]
    # History edited, the heads deleted, the edited log sealed again: the store agrees with itself...
    edited = [*log[:2], row(3, "撤销"), *log[3:]]
    resealed = seal(edited, 4)
    assert verify_log(edited, resealed, signed).ok
    # ... but not with what was published where the database could not reach.
    report = verify_log(edited, resealed, signed, published, head_statement)
    assert not report.ok
    assert any("not the one published" in p for p in report.problems)
    assert any("consistency" in p for p in report.problems)
    both = verify_log(edited, resealed, signed, [*published, *(h.public() for h in resealed)], head_statement)
    assert any("sealed more than once" in p for p in both.problems)


def test_a_published_head_missing_from_the_store_is_reported() -> None:
    log = [row(n) for n in range(1, 9)]
    heads = seal(log, 4)
    report = verify_log(log, heads[:1], signed, [h.public() for h in heads], head_statement)
    assert any("published checkpoint 2 is missing from the store" in p for p in report.problems)
