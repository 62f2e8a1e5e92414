"""Sealing the chain into signed checkpoints, verifying it, and proving one entry's inclusion."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking

from services.audit.adapters.log_rows import log_rows
from services.audit.adapters.signing import Signer, verify_with
from services.audit.application import AuditRecords
from services.audit.domain.chain import GENESIS, link_hash, merkle_path, merkle_root, root_from_path
from services.audit.domain.checkpoint import Checkpoint, seal_statement
from services.audit.domain.errors import EntryNotSealedError, RecordNotFoundError
from services.audit.domain.verification import VerificationReport, verify_chain
from shared.clock import Clock

SEAL_TRACKING = "audit-seal"  # one tracking row per checkpoint: two replicas cannot seal the same seq


class Sealer:
    def __init__(self, app: AuditRecords, signer: Signer, clock: Clock, batch: int = 500) -> None:
        self.app, self.signer, self.clock, self.batch = app, signer, clock, batch

    def last_seq(self) -> int:
        return self.app.process_recorder.max_tracking_id(SEAL_TRACKING) or 0

    def checkpoint(self, seq: int) -> Checkpoint:
        checkpoint = self.app.get_or_none(Checkpoint, Checkpoint.create_id(seq), to_read=True)
        if checkpoint is None:
            raise RecordNotFoundError(f"checkpoint {seq} is not in the store")
        return checkpoint

    def seal_pending(self) -> Checkpoint | None:
        """Seal the rows recorded since the last checkpoint (at most `batch`) into a new one."""
        seq = self.last_seq()
        previous = self.checkpoint(seq) if seq else None
        head = previous.head if previous else GENESIS
        links: list[list[Any]] = []
        for row in log_rows(self.app.process_recorder, previous.last_id if previous else 0, self.batch):
            head = link_hash(head, row.content)
            links.append([row.notification_id, head])
        if not links:
            return None
        sealed_at = self.clock.now().isoformat()
        root = merkle_root([link[1] for link in links])
        previous_head = previous.head if previous else GENESIS
        statement = seal_statement(seq + 1, links[0][0], links[-1][0], previous_head, head, root, sealed_at)
        checkpoint = Checkpoint(
            seq=seq + 1, links=links, previous_head=previous_head, head=head, merkle_root=root,
            sealed_at=sealed_at, key_id=self.signer.key_id, signature=self.signer.sign(statement),
        )
        try:
            self.app.save(checkpoint, tracking=Tracking(SEAL_TRACKING, seq + 1))
        except IntegrityError:
            return None  # another replica sealed this run first
        return checkpoint

    def seal_all(self) -> int:
        sealed = 0
        while self.seal_pending() is not None:
            sealed += 1
        return sealed

    def checkpoints(self, report: VerificationReport | None = None) -> list[Checkpoint]:
        found = []
        for seq in range(1, self.last_seq() + 1):
            try:
                found.append(self.checkpoint(seq))
            except Exception as error:  # a tampered checkpoint row may not even decode
                if report is None:
                    raise
                report.fail(f"checkpoint {seq} cannot be read: {error.__class__.__name__}")
        return found

    def verify(self) -> VerificationReport:
        """Recompute the whole chain from the stored rows and check every signed checkpoint."""
        report = VerificationReport()
        checkpoints = self.checkpoints(report)
        result = verify_chain(log_rows(self.app.process_recorder), checkpoints, self.signer.verify)
        result.problems[:0] = report.problems
        result.ok = result.ok and report.ok
        return result

    def inclusion_proof(self, notification_id: int) -> dict[str, Any]:
        """The entry's row, its link, and the Merkle path to a signed checkpoint's root."""
        low, high = 1, self.last_seq()
        while low <= high:  # checkpoints cover ascending, disjoint runs of the log
            mid = (low + high) // 2
            checkpoint = self.checkpoint(mid)
            if notification_id < checkpoint.first_id:
                high = mid - 1
            elif notification_id > checkpoint.last_id:
                low = mid + 1
            else:
                return self._proof(checkpoint, notification_id)
        raise EntryNotSealedError(f"entry {notification_id} is not covered by a signed checkpoint yet")

    def _proof(self, checkpoint: Checkpoint, notification_id: int) -> dict[str, Any]:
        ids = [int(link[0]) for link in checkpoint.links]
        if notification_id not in ids:
            raise EntryNotSealedError(f"entry {notification_id} is not a link of the chain")
        index = ids.index(notification_id)
        previous = checkpoint.links[index - 1][1] if index else checkpoint.previous_head
        row = next(log_rows(self.app.process_recorder, notification_id - 1, 1), None)
        proof = {
            "entry": row.content if row is not None and row.notification_id == notification_id else None,
            "previous_link": previous, "link": checkpoint.links[index][1], "index": index,
            "merkle_path": merkle_path([str(link[1]) for link in checkpoint.links], index),
            "checkpoint": checkpoint.public(), "public_key": self.signer.public_hex,
        }
        proof["valid"] = check_inclusion(proof, self.signer.public_hex)
        return proof


def check_inclusion(proof: dict[str, Any], public_hex: str) -> bool:
    """What an outside verifier does: recompute the link, the root, and check the signature."""
    checkpoint = proof["checkpoint"]
    if proof["entry"] is None or link_hash(proof["previous_link"], proof["entry"]) != proof["link"]:
        return False
    if root_from_path(proof["link"], proof["merkle_path"]) != checkpoint["merkle_root"]:
        return False
    statement = seal_statement(checkpoint["seq"], checkpoint["first_id"], checkpoint["last_id"],
                               checkpoint["previous_head"], checkpoint["head"], checkpoint["merkle_root"],
                               checkpoint["sealed_at"])
    return verify_with(public_hex, statement, checkpoint["signature"])
