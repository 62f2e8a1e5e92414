"""Proof of the writer on every row of the audit store, that a database superuser cannot forge.

Each row the service writes starts with `WRITER_PROOF_MAGIC` and an HMAC-SHA256 over the row's
record id, version and kind and its content as written (before compression and encryption), with
a key derived from the checkpoint signing key, which the database does not hold (production keeps
it in a file on a secret volume). A row copied from another record, edited, or inserted by hand
carries no valid proof: the sealer never seals it, verification reports it, and a timeline shows
it as a broken entry instead of failing. Re-encrypting the store leaves the content, so the
proofs, unchanged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from eventsourcing.persistence import StoredEvent, find_id_convertor
from eventsourcing.utils import get_topic, resolve_topic

from services.audit.domain.case_file import CaseFile
from services.audit.domain.entries import broken_entry
from services.audit.domain.errors import DamagedRowError
from services.audit.domain.record import CadreRecord
from services.audit.domain.signing_key import StoredSigningKey
from shared.eventstore.tracing_mapper import TracingMapper

WRITER_PROOF_MAGIC = b"CW1\x00"
MAC_SIZE = 32


@dataclass(frozen=True)
class WriterKey:
    key: bytes

    def mac(self, originator_id: object, version: int, topic: str, content: bytes) -> bytes:
        header = json.dumps([str(originator_id), version, topic]).encode()
        return hmac.new(self.key, header + b"\x00" + content, hashlib.sha256).digest()


@dataclass(frozen=True)
class OpenedRow:
    """A stored row taken apart: its content as written, and why it cannot be trusted, if so."""

    content: bytes | None
    problem: str | None


class AuditMapper(TracingMapper):
    """The audit store's mapper: writes each row with its writer proof, checks it on every read."""

    writer: WriterKey | None = None  # set by bootstrap once the signing key is loaded
    # The signing key's own record is written before the key exists.
    unproven_topics = frozenset({get_topic(StoredSigningKey.Generated)})  # type: ignore[attr-defined]
    # Rows of these kinds read back as a broken entry when damaged; others raise DamagedRowError.
    entry_topics = frozenset({get_topic(CadreRecord.EntryRecorded),  # type: ignore[attr-defined]
                              get_topic(CaseFile.EntryRecorded)})  # type: ignore[attr-defined]

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        self.trace(domain_event)
        topic = get_topic(type(domain_event))
        state = dict(vars(domain_event))
        originator_id, version = state.pop("originator_id"), state.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        content = self.transcoder.encode(state)
        stored = content
        if self.compressor:
            stored = self.compressor.compress(stored)
        if self.cipher:
            stored = self.cipher.encrypt(stored)
        if self.writer is not None and topic not in self.unproven_topics:
            stored = WRITER_PROOF_MAGIC + self.writer.mac(originator_id, version, topic, content) + stored
        return StoredEvent(originator_id=originator_id, originator_version=version, topic=topic,
                           state=stored)

    def open(self, stored: StoredEvent) -> OpenedRow:
        """The row's content as written, checked against its writer proof."""
        raw = bytes(stored.state)
        proof = raw[4:4 + MAC_SIZE] if raw.startswith(WRITER_PROOF_MAGIC) else None
        body = raw[4 + MAC_SIZE:] if proof is not None else raw
        try:
            if self.cipher:
                body = self.cipher.decrypt(body)
            if self.compressor:
                body = self.compressor.decompress(body)
        except Exception as error:  # any failure to open it is a damaged row, named as such
            return OpenedRow(None, f"cannot be decrypted or decompressed ({error.__class__.__name__})")
        if self.writer is None or stored.topic in self.unproven_topics:
            return OpenedRow(body, None)
        if proof is None:
            return OpenedRow(body, "carries no writer proof: not written by the audit service")
        expected = self.writer.mac(stored.originator_id, stored.originator_version, stored.topic, body)
        if not hmac.compare_digest(proof, expected):
            return OpenedRow(body, "its writer proof does not match: not written here by the audit "
                                   "service (copied, edited or inserted)")
        return OpenedRow(body, None)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        opened = self.open(stored_event)
        if opened.problem is None and opened.content is not None:
            try:
                return self._event(stored_event, self.transcoder.decode(opened.content))
            except Exception as error:  # content that does not decode is damaged too
                opened = OpenedRow(None, f"cannot be decoded ({error.__class__.__name__})")
        problem = opened.problem or "damaged"
        if stored_event.topic in self.entry_topics:
            return self._event(stored_event, {
                "timestamp": datetime.fromtimestamp(0, UTC),
                "entry": broken_entry(str(stored_event.originator_id), stored_event.originator_version,
                                      problem)})
        raise DamagedRowError(f"the audit store's row {stored_event.originator_id} version "
                              f"{stored_event.originator_version} {problem}")

    @staticmethod
    def _event(stored: StoredEvent, state: dict[str, Any]) -> Any:
        cls = resolve_topic(stored.topic)
        convert = find_id_convertor(cls, type(stored.originator_id))
        state["originator_id"] = convert(stored.originator_id)
        state["originator_version"] = stored.originator_version
        class_version = getattr(cls, "class_version", 1)
        from_version = state.pop("class_version", 1)
        while from_version < class_version:
            getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
            from_version += 1
        domain_event = object.__new__(cls)
        object.__setattr__(domain_event, "__dict__", state)
        return cast(Any, domain_event)
