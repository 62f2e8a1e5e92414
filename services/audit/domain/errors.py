"""What the audit domain refuses, one class per reason."""


class AuditError(Exception):
    """Base of every refusal by the audit domain."""


class RecordNotFoundError(AuditError):
    """Nothing is recorded about that cadre or case."""


class ForeignAccessRecordError(AuditError):
    """A service may only publish its own access records."""


class FilingStateError(AuditError):
    """The annual filing cannot take that step in its current state."""


class EntryNotSealedError(AuditError):
    """The entry is not (yet) covered by a signed checkpoint, so no inclusion proof exists."""


class DamagedRowError(AuditError):
    """A row of the audit store is not as the service wrote it (no valid writer proof)."""
