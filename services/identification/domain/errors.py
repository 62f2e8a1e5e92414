"""What the identification domain refuses, one class per reason."""

from shared.policy.errors import RuleRefusedError


class IdentificationError(Exception):
    """Base of every refusal by the identification domain."""


class ConcernNotFoundError(IdentificationError):
    """No concern has that id."""


class ConcernAlreadyClosedError(IdentificationError):
    """The concern was already determined or closed; a new signal opens a new concern."""


class DeterminationRefusedError(IdentificationError):
    """The determination lacks what the rules require (circumstances, evidence)."""


class ConcernStepRefusedError(IdentificationError):
    """A measure, observation or verification step is not allowed in the concern's state."""


class ToleranceBlocksDeterminationError(IdentificationError):
    """A granted fault tolerance covers the matter; it cannot be determined against the cadre."""


class JurisdictionNotBoundError(IdentificationError):
    """The jurisdiction (org unit) is bound to no policy pack version."""


class FeedRecordRefusedError(IdentificationError):
    """A feed record does not fit the bound pack (unknown feed, wrong kind or value) or the record."""


class UnknownCadreError(IdentificationError):
    """The service knows nothing about the cadre (no snapshot to open a concern with)."""


class FaultToleranceNotFoundError(IdentificationError):
    """No fault-tolerance application has that id."""


class FaultToleranceStepRefusedError(IdentificationError):
    """The fault-tolerance step is out of order (WY-FT 8) or lacks what it needs."""


class ReformFilingNotFoundError(IdentificationError):
    """No innovation risk filing has that id."""


class ReformFilingStepRefusedError(IdentificationError):
    """The innovation risk filing step is out of its review chain's order (LG-FT 6(2))."""


class NotFoundError(IdentificationError):
    """A looked-up item (pack, item, jurisdiction, signal) does not exist."""


class RegisterAuthorityError(IdentificationError):
    """A report names a managing or co-managing unit other than the cadre register's."""


class RegisterFileRefusedError(IdentificationError):
    """The request's body cannot be read as a register file (empty, too large, not CSV or XLSX)."""


class RegisterImportRefusedError(IdentificationError):
    """A register file has faulty rows; nothing of it was applied."""

    def __init__(self, faults: list[dict[str, object]]) -> None:
        listed = "; ".join(f"row {f['row']} column {f['column']}: {f['reason']}" for f in faults)
        super().__init__(f"{len(faults)} faulty row(s), nothing applied / 有 {len(faults)} 处错误，"
                         f"未导入任何一行: {listed}")
        self.faults = faults


class IdentificationRuleError(RuleRefusedError, IdentificationError):
    """The facts given break a rule; the refusal names its citation (zh and en)."""


class CitationRefusedError(IdentificationRuleError):
    """A determination cites a pack that is not the cadre's, or an item the pack does not have."""


class CorrectionOrderNotFoundError(IdentificationError):
    """No correction order has that id."""


class CorrectionOrderRefusedError(IdentificationRuleError):
    """A correction order step that the cadre's pack or the order's state does not allow."""


class WithdrawalRefusedError(IdentificationRuleError):
    """A determination that cannot be withdrawn as asked."""


class MeasureRefusedError(IdentificationRuleError):
    """An early-sign measure that is not one of the jurisdiction's kinds (IM 14, WY 11(1))."""
