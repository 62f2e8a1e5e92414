"""What the adjustment domain refuses, one class per reason."""


class AdjustmentError(Exception):
    """Base of every refusal by the adjustment domain."""


class CaseNotFoundError(AdjustmentError):
    """No adjustment case has that id."""


class StepOutOfOrderError(AdjustmentError):
    """A step was attempted out of order, repeated or with an earlier one missing (IM 15)."""


class ConsultationMissingError(AdjustmentError):
    """Under dual management the co-managing side must be consulted before deciding (IM 18)."""


class ProposalRefusedError(AdjustmentError):
    """The proposal breaks a rule of the jurisdiction's pack (methods, fixed outcomes, IM 24)."""


class WrongTalkerError(AdjustmentError):
    """The person holding the decision talk is not one the rule allows (IM 20)."""
