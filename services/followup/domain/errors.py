"""What the follow-up domain refuses, one class per reason."""


class FollowUpError(Exception):
    """Base of every refusal by the follow-up domain."""


class PlanNotFoundError(FollowUpError):
    """No follow-up plan has that id."""


class UnknownImpactRuleError(FollowUpError):
    """The jurisdiction's pack has no impact period for that method."""


class PlanEndedError(FollowUpError):
    """The plan has ended (revoked on appeal or the cadre retired); nothing more is recorded on it."""


class UnknownItemKindError(FollowUpError):
    """Follow-up items are care talks, trainings, re-checks and assessments."""


class UnknownGradeError(FollowUpError):
    """An assessment grade must be one of the pack's grade feed values."""


class NotYetEligibleError(FollowUpError):
    """A reinstatement decision needs reinstatement eligibility first (LG 15; WY 16)."""


class UpperConsultationMissingError(FollowUpError):
    """WY 16: the upper-level organisation department must be consulted before reinstatement."""


class AssessmentBarNotMetError(FollowUpError):
    """The pack's post-adjustment assessments are not all recorded at the required grade."""


class AlreadyDecidedError(FollowUpError):
    """The reinstatement decision has already been recorded."""
