"""What the audit domain refuses, one class per reason."""


class AuditError(Exception):
    """Base of every refusal by the audit domain."""


class RecordNotFoundError(AuditError):
    """Nothing is recorded about that cadre or case."""


class ReadNotPermittedError(AuditError):
    """The reader's unit is not above the record's unit (SPEC §8)."""


class ReadUnexplainedError(AuditError):
    """A supervisor's read must say who reads, from which unit, and why."""


class FilingStateError(AuditError):
    """The annual filing cannot take that step in its current state."""


class EntryNotSealedError(AuditError):
    """The entry is not (yet) covered by a signed checkpoint, so no inclusion proof exists."""
