"""What the adjustment domain refuses, one class per reason."""

from shared.policy.errors import RuleRefusedError


class AdjustmentError(Exception):
    """Base of every refusal by the adjustment domain."""


class CaseNotFoundError(AdjustmentError):
    """No adjustment case has that id."""


class StepOutOfOrderError(AdjustmentError):
    """A step was attempted out of order, repeated or with an earlier one missing (IM 15)."""

    def __init__(self, message: str, missing_step: str | None = None) -> None:
        super().__init__(message)
        self.missing_step = missing_step


class ConsultationMissingError(RuleRefusedError, AdjustmentError):
    """Under dual management the co-managing side must be consulted before deciding (IM 18)."""


class MeetingRecordIncompleteError(RuleRefusedError, AdjustmentError):
    """The meeting record does not add up: attendance and votes of the members (CSR 30)."""


class ProposalRefusedError(RuleRefusedError, AdjustmentError):
    """The proposal breaks a rule of the jurisdiction's pack (methods, fixed outcomes, IM 24)."""


class WrongTalkerError(RuleRefusedError, AdjustmentError):
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


class AdjustmentRuleError(RuleRefusedError, AdjustmentError):
    """A step's facts break a rule; the refusal names the rule's citation (zh and en)."""


class StepDateError(AdjustmentRuleError):
    """A step is dated before the step it follows, or before the determination (IM 15)."""


class QuorumNotMetError(AdjustmentRuleError):
    """Too few of the members who should attend were present (CSR 30, or the pack's own rule)."""


class MajorityNotReachedError(AdjustmentRuleError):
    """Too few members in favour for a decision (CSR 30, or the pack's own rule)."""


class CitationRefusedError(AdjustmentRuleError):
    """A determination cites no item of the cadre's pack, or a pack that is not loaded."""


class CaseClosedError(AdjustmentError):
    """The case was closed or its determination withdrawn: no further step is recorded."""


class CorrectionRefusedError(AdjustmentRuleError):
    """A correction does not fit the step it corrects, or would change what only an appeal may."""
