"""Recomputing the chain over the stored rows and checking it against the signed checkpoints."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from services.audit.domain.chain import GENESIS, link_hash, merkle_root


class Sealed(Protocol):
    seq: int
    links: list[list[Any]]
    previous_head: str
    head: str
    merkle_root: str
    signature: str

    def statement(self) -> bytes: ...


@dataclass
class Row:
    """One stored row as hashed: its log position, originator, version, topic and state."""

    notification_id: int
    content: dict[str, Any]

    def describe(self) -> dict[str, Any]:
        keys = ("notification_id", "originator_id", "originator_version", "topic")
        return {k: self.content[k] for k in keys}


@dataclass
class VerificationReport:
    ok: bool = True
    rows_checked: int = 0
    checkpoints_checked: int = 0
    sealed_through: int = 0
    unsealed_rows: int = 0
    first_broken: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)

    def fail(self, problem: str, broken: dict[str, Any] | None = None) -> None:
        self.ok = False
        self.problems.append(problem)
        if broken is not None and self.first_broken is None:
            self.first_broken = broken


def check_checkpoints(
    checkpoints: Sequence[Sealed], check_signature: Callable[[bytes, str], bool], report: VerificationReport
) -> dict[int, str]:
    """Each checkpoint signed, its root and head matching its links, each following the last."""
    sealed: dict[int, str] = {}
    previous_head = GENESIS
    for expected_seq, checkpoint in enumerate(checkpoints, start=1):
        report.checkpoints_checked += 1
        hashes = [str(link[1]) for link in checkpoint.links]
        if checkpoint.seq != expected_seq:
            report.fail(f"checkpoint {expected_seq} is missing (found {checkpoint.seq})")
        if not check_signature(checkpoint.statement(), checkpoint.signature):
            report.fail(f"checkpoint {checkpoint.seq}: signature does not verify with the audit key")
        if checkpoint.previous_head != previous_head:
            report.fail(f"checkpoint {checkpoint.seq}: does not follow the previous checkpoint's head")
        if merkle_root(hashes) != checkpoint.merkle_root or hashes[-1] != checkpoint.head:
            report.fail(f"checkpoint {checkpoint.seq}: links do not match its signed root and head")
        sealed.update({int(link[0]): str(link[1]) for link in checkpoint.links})
        previous_head = checkpoint.head
    return sealed


def verify_chain(
    rows: Iterable[Row], checkpoints: Sequence[Sealed], check_signature: Callable[[bytes, str], bool]
) -> VerificationReport:
    """Recompute every link in log order; the first row whose link differs from the sealed one
    (or that is missing, or was slipped in) is the first broken entry."""
    report = VerificationReport()
    sealed = check_checkpoints(checkpoints, check_signature, report)
    report.sealed_through = max(sealed, default=0)
    pending = sorted(sealed)
    previous = GENESIS
    for row in rows:
        report.rows_checked += 1
        while pending and pending[0] < row.notification_id:
            missing = pending.pop(0)
            report.fail(f"sealed entry {missing} is missing from the log", {"notification_id": missing})
        if pending and pending[0] == row.notification_id:
            pending.pop(0)
        link = link_hash(previous, row.content)
        expected = sealed.get(row.notification_id)
        if expected is None and row.notification_id <= report.sealed_through:
            report.fail(f"entry {row.notification_id} was never sealed", row.describe())
        elif expected is None:
            report.unsealed_rows += 1
        elif expected != link:
            report.fail(f"entry {row.notification_id} does not match its sealed link", row.describe())
        # Carry on from the sealed link, so one edited row does not mask the ones after it.
        previous = expected if expected is not None else link
    for missing in pending:
        report.fail(f"sealed entry {missing} is missing from the log", {"notification_id": missing})
    return report
