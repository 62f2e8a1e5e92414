"""Integration events of the identification service beyond the core lifecycle events.

Two families: what identification publishes (early-sign measures, observation, clarification,
fault tolerance, rule hits), and what producer systems publish for it to read (the assessment and
statistics feeds, and discipline sanctions) under `cadre.intake.<producer>.<event>.v1`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from shared.contract.events import CadreRef, EventSpec, Payload, spec

# The kinds are each pack's own (IM 14 lists six, WY 11(1) four): a snake_case key of the pack.
EarlySignKind = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$",
                                     examples=["reminder", "admonishment"])]


class EarlySignMeasureTaken(Payload):
    """A graded early-sign measure was taken on a concern (IM 14)."""

    concern_id: str
    measure: EarlySignKind
    taken_by: str
    taken_on: date
    content: str


class ObservationPeriodExpired(Payload):
    """A concern's observation period ended; not improved means it proceeds to determination."""

    concern_id: str
    deadline: date
    improved: bool


class ClarificationRecorded(Payload):
    """A false accusation was clarified (LG-FT 9, WY-FT 11); the reporter may be flagged."""

    concern_id: str
    summary: str
    reporter_flagged: bool


class FaultToleranceApplied(Payload):
    """A cadre or unit facing accountability applied for fault tolerance (WY-FT 8(1))."""

    application_id: str
    applicant: str
    matter_ref: str
    applied_on: date


class FaultToleranceGranted(Payload):
    """Fault tolerance was granted: the matter no longer counts against the cadre (WY-FT 9)."""

    application_id: str
    matter_ref: str
    decided_on: date


class FaultToleranceRefused(Payload):
    """The case was found not tolerable (WY-FT 8(3))."""

    application_id: str
    matter_ref: str
    decided_on: date


class FaultToleranceRevoked(Payload):
    """A grant was revoked, e.g. for a fraudulent application; accountability re-opens (LG-FT 10)."""

    application_id: str
    matter_ref: str
    reason: str
    revoked_on: date


class FaultToleranceClockMissed(Payload):
    """A fault-tolerance deadline passed without the act it requires (WY-FT 8, 10(2))."""

    application_id: str
    clock: str
    due_on: date
    citation: str


class RuleHit(Payload):
    """A quantitative item of a policy pack fired on feed facts; it joins or opens a concern."""

    code: str
    article: str
    pack_id: str
    subject_id: str
    figures: dict[str, str]
    concern_id: str


class SanctionImposed(Payload):
    """Discipline inspection imposed a party or government sanction (IM 33: no substitution)."""

    sanction_id: str = Field(min_length=1)
    sanction: str = Field(min_length=1)
    imposed_on: date
    imposed_by: str = Field(min_length=1)
    matter_ref: str = Field(min_length=1)


# --- feed records published by the assessment and statistics systems -------------------------


class FeedSubject(Payload):
    """Whom a feed fact is about: a cadre (with who they are) or a unit (with its post holders)."""

    kind: Literal["cadre", "unit"]
    id: str = Field(min_length=1)
    cadre: CadreRef | None = Field(default=None, description="required when kind is cadre")
    holds_roles: list[str] = Field(
        default_factory=list, description="pack roles the cadre holds, e.g. unit_head (WY 13)"
    )
    holders: list[RoleHolder] = Field(
        default_factory=list, description="who holds which pack role in the unit"
    )

    @model_validator(mode="after")
    def _cadre_given_for_a_cadre(self) -> FeedSubject:
        if self.kind == "cadre" and self.cadre is None:
            raise ValueError("cadre: required when subject.kind is cadre")
        if self.kind == "cadre" and self.cadre is not None and self.cadre.cadre_id != self.id:
            raise ValueError("cadre.cadre_id: must equal subject.id")
        return self


class RoleHolder(Payload):
    role: str = Field(min_length=1, examples=["unit_head", "unit_party_secretary"])
    cadre: CadreRef


class GradeFact(Payload):
    kind: Literal["grade"]
    period: int = Field(ge=1949, le=2200)
    grade: str = Field(min_length=1)


class BallotFact(Payload):
    kind: Literal["ballot"]
    period: int = Field(ge=1949, le=2200)
    votes: dict[str, Annotated[int, Field(ge=0)]] = Field(min_length=1)


class RankFact(Payload):
    kind: Literal["rank"]
    period: int = Field(ge=1, description="a year, or an evaluation round for round feeds")
    rank: int = Field(ge=1)
    of: int = Field(ge=1)
    indicator: str = ""

    @model_validator(mode="after")
    def _rank_within_field(self) -> RankFact:
        if self.rank > self.of:
            raise ValueError("rank: cannot exceed of")
        return self


class IncidentFact(Payload):
    kind: Literal["incident"]
    period: int = Field(ge=1949, le=2200)
    severity: str = Field(min_length=1)
    count: int = Field(default=1, ge=0)


class FlagFact(Payload):
    kind: Literal["flag"]
    period: int = Field(ge=1949, le=2200)


class MeasureFact(Payload):
    kind: Literal["measure"]
    period: int = Field(ge=1949, le=2200)
    value: str = Field(pattern=r"^-?\d+(/[1-9]\d*)?$", description="exact: '1/10', '-3', never 0.1")


class AbsenceFact(Payload):
    kind: Literal["absence"]
    start: date
    end: date = Field(description="last day of absence, or the as-of day while it continues")

    @model_validator(mode="after")
    def _ends_after_start(self) -> AbsenceFact:
        if self.end < self.start:
            raise ValueError("end: before start")
        return self


FeedFact = Annotated[
    GradeFact | BallotFact | RankFact | IncidentFact | FlagFact | MeasureFact | AbsenceFact,
    Field(discriminator="kind"),
]


class FeedRecorded(Payload):
    """One fact of one pack feed, for the rule engine; `record_id` is the producer's own id."""

    record_id: str = Field(min_length=1, description="The producer's own id; resending is harmless")
    jurisdiction: str = Field(min_length=1, description="Org unit whose bound pack evaluates it")
    managing_unit: str = Field(min_length=1, description="Unit whose committee manages the cadres")
    feed: str = Field(min_length=1, examples=["annual_assessment", "production_safety_accident"])
    subject: FeedSubject
    fact: FeedFact


class AssessmentRecorded(FeedRecorded):
    """The assessment system recorded grades, vote counts or rankings (SPEC §4.1, annual assessment)."""


class StatisticsRecorded(FeedRecorded):
    """The statistics system recorded incidents, rankings, measures or absences (SPEC §4.2)."""


FeedSubject.model_rebuild()

class DeterminationWithdrawn(Payload):
    """A determination of unsuitability was withdrawn (mis-made): its case closes, the concern
    reopens; the determination itself stays on the record."""

    concern_id: str
    cadre_id: str
    reason: str = Field(min_length=1)
    withdrawn_by: str
    withdrawn_on: date


class CorrectionOrdered(Payload):
    """A correction order (责令纠错) was started; the notice is due within its clock (WY-FT 10(2))."""

    order_id: str
    cadre_id: str
    matter_ref: str
    started_on: date
    notice_due_on: date
    citation: str


class CorrectionNoticeSent(Payload):
    """The correction notice was sent, setting the rectification period (WY-FT 10(2))."""

    order_id: str
    cadre_id: str
    sent_on: date
    rectification_months: int = Field(ge=1)
    rectification_due_on: date
    late: bool


class RectificationReported(Payload):
    """The written rectification was submitted (on time or late)."""

    order_id: str
    cadre_id: str
    reported_on: date
    late: bool


SPECS: list[EventSpec] = [
    spec(EarlySignMeasureTaken, "identification"),
    spec(ObservationPeriodExpired, "identification"),
    spec(ClarificationRecorded, "identification"),
    spec(FaultToleranceApplied, "identification"),
    spec(FaultToleranceGranted, "identification"),
    spec(FaultToleranceRefused, "identification"),
    spec(FaultToleranceRevoked, "identification"),
    spec(FaultToleranceClockMissed, "identification"),
    spec(RuleHit, "identification"),
    spec(DeterminationWithdrawn, "identification"),
    spec(CorrectionOrdered, "identification"),
    spec(CorrectionNoticeSent, "identification"),
    spec(RectificationReported, "identification"),
    spec(SanctionImposed, "intake"),
    spec(AssessmentRecorded, "intake"),
    spec(StatisticsRecorded, "intake"),
]
