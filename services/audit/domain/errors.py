"""What the audit domain refuses, one class per reason."""


class AuditError(Exception):
    """Base of every refusal by the audit domain."""


class RecordNotFoundError(AuditError):
    """Nothing is recorded about that cadre or case."""
