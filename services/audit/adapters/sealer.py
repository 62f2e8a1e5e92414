"""Sealing the log into signed tree heads, verifying it, and proving an entry's inclusion or
one head's consistency with a later one, in the form the standalone verifier checks."""

from __future__ import annotations

import logging
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking

from services.audit.adapters.log_rows import log_rows, row_entry
from services.audit.adapters.signing import Signer
from services.audit.adapters.writer_proof import AuditMapper
from services.audit.application import AuditRecords
from services.audit.domain.errors import EntryNotSealedError, RecordNotFoundError
from services.audit.domain.integrity import VerificationReport, frontier_of, verify_log
from services.audit.domain.tree_head import TreeHead
from shared.clock import Clock
from shared.integrity.canonical import digest
from shared.integrity.merkle import MerkleTree
from shared.integrity.statements import SCHEME, head_statement, public_key_from
from shared.integrity.verifier import CONSISTENCY_FORMAT, INCLUSION_FORMAT, check_document

log = logging.getLogger(__name__)
SEAL_TRACKING = "audit-tree-head"  # one tracking row per head: two replicas cannot seal the same seq


class Sealer:
    def __init__(self, app: AuditRecords, signer: Signer, clock: Clock, batch: int = 500) -> None:
        self.app, self.signer, self.clock, self.batch = app, signer, clock, batch
        assert isinstance(app.mapper, AuditMapper)
        self.mapper: AuditMapper = app.mapper

    def last_seq(self) -> int:
        return self.app.process_recorder.max_tracking_id(SEAL_TRACKING) or 0

    def head(self, seq: int) -> TreeHead:
        head = self.app.get_or_none(TreeHead, TreeHead.create_id(seq), to_read=True)
        if head is None:
            raise RecordNotFoundError(f"checkpoint {seq} is not in the store")
        return head

    def latest(self) -> TreeHead | None:
        seq = self.last_seq()
        return self.head(seq) if seq else None

    def seal_pending(self) -> TreeHead | None:
        """Seal the rows recorded since the last head (at most `batch`) into a new one; a row
        without a valid writer proof is examined and refused, never sealed."""
        previous = self.latest()
        frontier = frontier_of(previous)
        if previous is not None and not self._extendable(previous, frontier.root().hex(), frontier.size):
            log.error("checkpoint %s is not as it was signed: nothing more is sealed", previous.seq)
            return None
        rows = list(log_rows(self.app.process_recorder, self.mapper,
                            previous.last_id if previous else 0, self.batch))
        if not rows:
            return None
        leaves, refused = [], []
        for row in rows:
            if row.leaf is None:
                refused.append([row.notification_id, row.problem])
                log.warning("entry %s not sealed: %s", row.notification_id, row.problem)
                continue
            frontier.append(bytes.fromhex(row.leaf))
            leaves.append([row.notification_id, row.leaf])
        seq = (previous.seq if previous else 0) + 1
        fields: dict[str, Any] = {
            "scheme": SCHEME, "seq": seq, "tree_size": frontier.size, "root": frontier.root().hex(),
            "first_id": rows[0].notification_id, "last_id": rows[-1].notification_id,
            "previous_root": previous.root if previous else frontier_of(None).root().hex(),
            "sealed_at": self.clock.now().isoformat(), "key_id": self.signer.key_id,
        }
        signature = self.signer.sign(head_statement(fields))
        head = TreeHead(**{k: v for k, v in fields.items() if k != "scheme"}, signature=signature,
                        leaves=leaves, refused=refused,
                        frontier=[[size, h.hex()] for size, h in frontier.subtrees])
        return self._save(head, seq)

    def _save(self, head: TreeHead, seq: int) -> TreeHead | None:
        try:
            self.app.save(head, tracking=Tracking(SEAL_TRACKING, seq))
        except IntegrityError:
            return None  # another replica sealed this run first
        return head

    def _extendable(self, head: TreeHead, root: str, size: int) -> bool:
        return (root == head.root and size == head.tree_size
                and self.signer.verify(head.statement(), head.signature))

    def seal_all(self) -> int:
        sealed = 0
        while self.seal_pending() is not None:
            sealed += 1
        return sealed

    def heads(self, report: VerificationReport | None = None) -> list[TreeHead]:
        found = []
        for seq in range(1, self.last_seq() + 1):
            try:
                found.append(self.head(seq))
            except Exception as error:  # a tampered head may not even load
                if report is None:
                    raise
                report.fail(f"checkpoint {seq} cannot be read: {error.__class__.__name__}")
        return found

    def verify(self, published: list[dict[str, Any]] | None = None) -> VerificationReport:
        """Recompute every leaf from the stored rows, check every signed head and their
        consistency, and compare them with the heads published outside the database."""
        report = VerificationReport()
        heads = self.heads(report)
        result = verify_log(log_rows(self.app.process_recorder, self.mapper), heads, self.signer.verify,
                            published or [], head_statement)
        result.problems[:0] = report.problems
        result.ok = result.ok and report.ok
        return result

    def _leaves(self, heads: list[TreeHead]) -> list[list[Any]]:
        return [leaf for head in heads for leaf in head.leaves]

    def inclusion_proof(self, notification_id: int, full: bool = False) -> dict[str, Any]:
        """The row as served, its leaf's path and the latest signed head. Without `full` the
        row's content is given as its digest only (the proof then shows the row is in the log,
        not what it says)."""
        heads = self.heads()
        if not heads:
            raise EntryNotSealedError(f"entry {notification_id} is not covered by a checkpoint yet")
        ids = [int(n) for n, _ in self._leaves(heads)]
        try:
            index = ids.index(notification_id)
        except ValueError:
            refused = {int(n): why for head in heads for n, why in head.refused}
            why = refused.get(notification_id)
            raise EntryNotSealedError(f"entry {notification_id} is not sealed"
                                      + (f": {why}" if why else " (yet)")) from None
        tree = MerkleTree([bytes.fromhex(h) for _, h in self._leaves(heads)])
        head = heads[-1]
        proof = {
            "format": INCLUSION_FORMAT, "entry": self._entry(notification_id, full),
            "leaf_index": index,
            "inclusion_path": [h.hex() for h in tree.inclusion_path(index, head.tree_size)],
            "checkpoint": head.public(), "public_key": self.signer.public_hex,
        }
        problems = check_document(proof, public_key_from(self.signer.public_hex))
        return {**proof, "valid": not problems, "problems": problems}

    def _entry(self, notification_id: int, full: bool) -> dict[str, Any]:
        page = self.app.process_recorder.select_notifications(notification_id, 1)
        if not page or page[0].id != notification_id:
            raise EntryNotSealedError(f"entry {notification_id} is sealed but missing from the log")
        opened = self.mapper.open(page[0])
        entry = row_entry(page[0], opened.content)
        if not full and "state" in entry:
            entry["state_sha256"] = digest(entry.pop("state"))
        return entry

    def consistency_proof(self, first: int, second: int) -> dict[str, Any]:
        """That checkpoint `first` is the start of checkpoint `second` (RFC 6962)."""
        heads = self.heads()
        if not 1 <= first <= second <= len(heads):
            raise RecordNotFoundError(f"no checkpoints {first} and {second} to compare")
        older, newer = heads[first - 1], heads[second - 1]
        tree = MerkleTree([bytes.fromhex(h) for _, h in self._leaves(heads[:second])])
        proof = {"format": CONSISTENCY_FORMAT, "first": older.public(), "second": newer.public(),
                 "proof": [h.hex() for h in tree.consistency_proof(older.tree_size, newer.tree_size)]
                 if older.tree_size else []}
        problems = check_document(proof, public_key_from(self.signer.public_hex))
        return {**proof, "valid": not problems, "problems": problems}
