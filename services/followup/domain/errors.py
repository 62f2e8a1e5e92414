"""What the follow-up domain refuses, one class per reason."""


class FollowUpError(Exception):
    """Base of every refusal by the follow-up domain."""


class PlanNotFoundError(FollowUpError):
    """No follow-up plan has that id."""


class UnknownImpactRuleError(FollowUpError):
    """The jurisdiction's pack has no impact period for that method."""
