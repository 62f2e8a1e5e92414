"""What the identification domain refuses, one class per reason."""


class IdentificationError(Exception):
    """Base of every refusal by the identification domain."""


class ConcernNotFoundError(IdentificationError):
    """No concern has that id."""


class ConcernAlreadyClosedError(IdentificationError):
    """The concern was already determined or closed; a new signal opens a new concern."""


class DeterminationRefusedError(IdentificationError):
    """The determination lacks what the rules require (circumstances, evidence)."""
