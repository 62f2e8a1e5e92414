"""What the audit service publishes: each signed tree head, to the checkpoints stream, so that
the heads are held where the audit database cannot rewrite them."""

from __future__ import annotations

from typing import Any

from services.audit.domain.tree_head import TreeHead
from shared.contract.audit_events import CHECKPOINTS_ABOUT, CheckpointSealed
from shared.contract.events import Payload
from shared.integrity.statements import SCHEME
from shared.messaging.translation import translator


def _sealed(event: Any) -> list[Payload]:
    head = {k: getattr(event, k) for k in ("seq", "tree_size", "root", "first_id", "last_id",
                                           "previous_root", "sealed_at", "key_id", "signature")}
    return [CheckpointSealed(scheme=SCHEME, **head)]


translate = translator("audit", {TreeHead.Sealed: _sealed}, lambda event, payload: CHECKPOINTS_ABOUT)
