"""What the adjustment domain refuses, one class per reason."""


class AdjustmentError(Exception):
    """Base of every refusal by the adjustment domain."""


class CaseNotFoundError(AdjustmentError):
    """No adjustment case has that id."""


class StepOutOfOrderError(AdjustmentError):
    """A step was attempted out of order, repeated or with an earlier one missing (IM 15)."""

    def __init__(self, message: str, missing_step: str | None = None) -> None:
        super().__init__(message)
        self.missing_step = missing_step


class ConsultationMissingError(AdjustmentError):
    """Under dual management the co-managing side must be consulted before deciding (IM 18)."""


class MeetingRecordIncompleteError(AdjustmentError):
    """The committee's decision needs a vote or a recorded consensus (IM 18)."""


class ProposalRefusedError(AdjustmentError):
    """The proposal breaks a rule of the jurisdiction's pack (methods, fixed outcomes, IM 24)."""


class WrongTalkerError(AdjustmentError):
    """The person holding the decision talk is not one the rule allows (IM 20)."""


class FormalitiesStateError(AdjustmentError):
    """Salary formalities or their overdue flag do not fit the case's state (IM 21)."""


class QuotaNotFoundError(AdjustmentError):
    """No post quota ledger is kept for that unit and rank."""


class QuotaExceededError(AdjustmentError):
    """Placing over the post quota needs both approvals and an absorption deadline (IM 25)."""


class PlacementStateError(AdjustmentError):
    """A ledger operation does not fit the placements it holds (IM 25)."""


class AppealNotFoundError(AdjustmentError):
    """No review or appeal has that id."""


class AppealRefusedError(AdjustmentError):
    """A review or appeal cannot be lodged or decided as asked (IM 22)."""
