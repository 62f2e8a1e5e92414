"""The hash chain, the Merkle proofs and verification against signed checkpoints (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from services.audit.domain.chain import (
    GENESIS,
    canonical_json,
    link_hash,
    merkle_path,
    merkle_root,
    root_from_path,
)
from services.audit.domain.checkpoint import seal_statement
from services.audit.domain.verification import Row, verify_chain


def rows(n: int) -> list[Row]:
    return [Row(i, {"notification_id": i, "originator_id": f"o{i}", "originator_version": 1,
                    "topic": "t", "state": {"entry": {"n": i, "text": "免职"}}}) for i in range(1, n + 1)]


@dataclass
class FakeCheckpoint:
    seq: int
    links: list[list[Any]]
    previous_head: str
    head: str
    merkle_root: str
    signature: str = "good"

    def statement(self) -> bytes:
        return seal_statement(self.seq, self.links[0][0], self.links[-1][0], self.previous_head, self.head,
                              self.merkle_root, "2026-01-01T00:00:00+00:00")


def seal(all_rows: list[Row], size: int) -> list[FakeCheckpoint]:
    checkpoints, head = [], GENESIS
    for seq, start in enumerate(range(0, len(all_rows), size), start=1):
        links, previous = [], head
        for row in all_rows[start:start + size]:
            head = link_hash(head, row.content)
            links.append([row.notification_id, head])
        checkpoints.append(FakeCheckpoint(seq, links, previous, head, merkle_root([h for _, h in links])))
    return checkpoints


def good(statement: bytes, signature: str) -> bool:
    return signature == "good"


def test_canonical_json_ignores_key_order_and_keeps_chinese() -> None:
    expected = '{"a":"免","b":1}'.encode()
    assert canonical_json({"b": 1, "a": "免"}) == canonical_json({"a": "免", "b": 1}) == expected


def test_each_link_covers_the_previous_one() -> None:
    row = rows(1)[0].content
    assert link_hash(GENESIS, row) != link_hash("1" * 64, row)


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 8, 9])
def test_every_leaf_has_a_path_to_the_root(size: int) -> None:
    links = [link_hash(GENESIS, r.content) for r in rows(size)]
    root = merkle_root(links)
    for index, link in enumerate(links):
        assert root_from_path(link, merkle_path(links, index)) == root
    assert root_from_path("ab" * 32, merkle_path(links, 0)) != root


def test_an_untouched_log_verifies() -> None:
    log = rows(10)
    report = verify_chain(log, seal(log[:8], 3), good)
    assert report.ok and report.first_broken is None
    assert (report.rows_checked, report.sealed_through, report.unsealed_rows, report.checkpoints_checked) == (
        10, 8, 2, 3)


def test_an_edited_row_is_named_as_the_first_broken_entry_and_only_it() -> None:
    log = rows(10)
    checkpoints = seal(log, 4)
    log[5].content["state"]["entry"]["text"] = "平职调整"
    log[7].content["state"]["entry"]["text"] = "降职"
    report = verify_chain(log, checkpoints, good)
    assert not report.ok
    assert report.first_broken is not None and report.first_broken["notification_id"] == 6
    assert len(report.problems) == 2  # the chain carries on from the sealed links


def test_a_removed_row_and_a_forged_signature_are_reported() -> None:
    log = rows(6)
    checkpoints = seal(log, 3)
    checkpoints[1].signature = "forged"
    report = verify_chain([r for r in log if r.notification_id != 2], checkpoints, good)
    assert report.first_broken == {"notification_id": 2}
    assert any("signature" in p for p in report.problems)


def test_a_row_slipped_into_a_sealed_range_is_named() -> None:
    log = rows(4)
    checkpoints = seal([log[0], log[1], log[3]], 3)
    report = verify_chain(log, checkpoints, good)
    assert report.first_broken is not None and report.first_broken["notification_id"] == 3
    assert "never sealed" in report.problems[0]
