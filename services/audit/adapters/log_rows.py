"""The audit's own notification log read back as the rows the tree covers: each row's leaf,
computed from its content as the service wrote it (never its ciphertext), or why it has none."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventsourcing.persistence import Notification, ProcessRecorder
from eventsourcing.utils import get_topic

from services.audit.adapters.writer_proof import AuditMapper
from services.audit.domain.checkpoint import Checkpoint
from services.audit.domain.integrity import SealRow
from services.audit.domain.signing_key import StoredSigningKey
from services.audit.domain.tree_head import TreeHead
from shared.integrity.statements import leaf_of


def event_topic(aggregate: type, name: str) -> str:
    """The stored topic of an event class the @event decorator made on an aggregate."""
    return get_topic(getattr(aggregate, name))


# Not leaves: the heads seal the rows (their signatures and their succession protect them), the
# signing key's record is not part of the record, and the checkpoints of the earlier format are
# kept only so that the stores holding them still load.
NOT_LEAVES = frozenset({event_topic(TreeHead, "Sealed"), event_topic(StoredSigningKey, "Generated"),
                        event_topic(Checkpoint, "Sealed")})
PAGE = 1000


def row_entry(notification: Notification, content: bytes | None) -> dict[str, Any]:
    """The row as a proof serves it: where it is, whose it is, and its content as written."""
    entry: dict[str, Any] = {
        "notification_id": notification.id, "originator_id": str(notification.originator_id),
        "originator_version": notification.originator_version, "topic": notification.topic,
    }
    if content is not None:
        entry["state"] = json.loads(content)
    return entry


def seal_row(mapper: AuditMapper, notification: Notification) -> SealRow:
    opened = mapper.open(notification)
    entry = row_entry(notification, None)
    if opened.problem is not None or opened.content is None:
        return SealRow(notification.id, None, opened.problem or "damaged", entry)
    try:
        leaf = leaf_of(row_entry(notification, opened.content)).hex()
    except ValueError as error:  # JSON the canonical form cannot hold (RFC 8785's domain)
        return SealRow(notification.id, None, f"cannot be put in canonical form ({error})", entry)
    return SealRow(notification.id, leaf, None, entry)


def log_rows(recorder: ProcessRecorder, mapper: AuditMapper, after: int = 0,
             limit: int | None = None) -> Iterator[SealRow]:
    """Rows after a position, in log order, heads and the key's record left out."""
    position, given = after, 0
    while True:
        size = PAGE if limit is None else min(PAGE, limit - given)
        page = recorder.select_notifications(position, size, inclusive_of_start=False)
        for notification in page:
            position = notification.id
            if notification.topic in NOT_LEAVES:
                continue
            yield seal_row(mapper, notification)
            given += 1
            if limit is not None and given >= limit:
                return
        if len(page) < size:
            return
