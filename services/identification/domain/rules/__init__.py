"""Pure rule engine: evaluates policy-pack triggers against feed facts (no I/O, no clock).

    hits = evaluate(registry.get("WY-2019"), Facts(grades=(...), ballots=(...)))

A hit is a finding citing pack, version, code and article; it never adjusts anyone.
"""

from services.identification.domain.rules.engine import (
    UNDERSTOOD_TYPES,
    UnknownTriggerTypeError,
    evaluate,
    evaluate_up,
)
from services.identification.domain.rules.fact_index import ConflictingFactsError
from services.identification.domain.rules.facts import (
    Absence,
    Ballot,
    Facts,
    Flag,
    Grade,
    Incident,
    Measure,
    PostHeld,
    Rank,
)
from services.identification.domain.rules.findings import Figure, fraction_text
from services.identification.domain.rules.hits import Hit, Subject
from services.identification.domain.rules.up_flags import (
    excellent_run_ending,
    has_three_consecutive_excellent_years,
)

__all__ = [
    "UNDERSTOOD_TYPES",
    "Absence",
    "Ballot",
    "ConflictingFactsError",
    "Facts",
    "Figure",
    "Flag",
    "Grade",
    "Hit",
    "Incident",
    "Measure",
    "PostHeld",
    "Rank",
    "Subject",
    "UnknownTriggerTypeError",
    "evaluate",
    "evaluate_up",
    "excellent_run_ending",
    "fraction_text",
    "has_three_consecutive_excellent_years",
]
