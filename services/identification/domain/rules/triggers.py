"""One pure check per trigger leaf type: which subjects satisfy it in which period.

Each function reads only the facts of the leaf's feed and returns per-period Findings; the
engine then applies "N consecutive periods", the post-held filter and the combinators. A check
never invents a missing fact: a subject with no fact for a period simply has no finding there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from fractions import Fraction

from services.identification.domain.rules.fact_index import FactIndex
from services.identification.domain.rules.findings import Figure, Finding, fraction_text
from shared.calendar.periods import period_end
from shared.policy.counting_words import compare
from shared.policy.triggers import Trigger

LeafCheck = Callable[[Trigger, FactIndex], list[Finding]]


def _threshold(spec: Trigger) -> Fraction:
    if spec.threshold is None:
        raise ValueError(f"trigger {spec.label!r} has no threshold")
    return spec.threshold


def grade_in_set(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The grade is one of `spec.values` (e.g. incompetent; fourth tier; poor)."""
    return [
        Finding(g.subject_id, g.period, observed={"grade": g.grade})
        for g in index.grades(spec.feed)
        if g.grade in spec.values
    ]


def ballot_share_compares(spec: Trigger, index: FactIndex) -> list[Finding]:
    """Votes for `spec.values` over valid votes cast compares true with the threshold, exactly."""
    found: list[Finding] = []
    for ballot in index.ballots(spec.feed):
        valid = ballot.valid_votes
        if valid == 0:  # no valid votes: the rate is undefined, so the trigger cannot answer
            continue
        votes = ballot.votes_for(spec.values)
        share = Fraction(votes, valid)
        if compare(share, spec.comparator, _threshold(spec)):
            observed: dict[str, Figure] = {
                "votes": votes,
                "valid_votes": valid,
                "share": fraction_text(share),
            }
            found.append(Finding(ballot.subject_id, ballot.period, observed=observed))
    return found


def rank_within_bottom_places(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The rank is among the last `spec.places` (1 = last place, "末位/最后一名")."""
    return [
        Finding(
            r.subject_id,
            r.period,
            r.indicator,
            {"rank": r.rank, "of": r.of, "place_from_bottom": r.place_from_bottom},
        )
        for r in index.ranks(spec.feed)
        if r.place_from_bottom <= spec.places
    ]


def rank_worse_than_previous_period(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The rank fell (退位) from the adjacent previous period's, for the same indicator."""
    ranks = {(r.subject_id, r.indicator, r.period): r.rank for r in index.ranks(spec.feed)}
    found = []
    for (subject_id, indicator, period), rank in sorted(ranks.items()):
        previous = ranks.get((subject_id, indicator, period - 1))
        if previous is not None and rank > previous:
            observed = {"rank": rank, "previous_rank": previous}
            found.append(Finding(subject_id, period, indicator, observed))
    return found


def incident_count_in_year_compares(spec: Trigger, index: FactIndex) -> list[Finding]:
    """Incidents of the listed severities in one year, summed, compare true with the threshold."""
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for incident in index.incidents(spec.feed):
        key = (incident.subject_id, incident.period)
        totals[key] += incident.count if incident.severity in spec.values else 0
    return [
        Finding(subject_id, period, observed={"incidents": total})
        for (subject_id, period), total in sorted(totals.items())
        if compare(Fraction(total), spec.comparator, _threshold(spec))
    ]


def flag_raised(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The designation (one-vote veto, key rectification unit) was raised for the period."""
    return [Finding(f.subject_id, f.period) for f in index.flags(spec.feed)]


def measure_compares(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The measured value (a count change, a growth ratio) compares true with the threshold."""
    return [
        Finding(m.subject_id, m.period, observed={"value": fraction_text(m.value)})
        for m in index.measures(spec.feed)
        if compare(m.value, spec.comparator, _threshold(spec))
    ]


def absence_duration_compares(spec: Trigger, index: FactIndex) -> list[Finding]:
    """The absence's length, counted by the Civil Code, compares true with `spec.length`.

    The period of `length` from `start` ends on `boundary` (art. 201-202: the start day is not
    counted; month-end clamp, so one year from 29 Feb 2024 ends on 28 Feb 2025). "1年以上"
    holds once the absence covers the boundary day; "超过1年" needs a day beyond it. The finding's
    period is the year in which the condition first held.
    """
    if spec.length is None:
        raise ValueError(f"trigger {spec.label!r} has no length")
    length = spec.length
    found = []
    for absence in index.absences(spec.feed):
        boundary = period_end(
            absence.start, years=length.years, months=length.months, days=length.days
        )
        last = absence.last_day
        if not compare(Fraction(last.toordinal()), spec.comparator, Fraction(boundary.toordinal())):
            continue
        # The first day on which the comparison held: the boundary itself for ">=", the day
        # after for ">"; for "<"/"<=" (a short absence) it is known only at its last day.
        held_from = {">=": boundary, ">": boundary + timedelta(days=1)}.get(spec.comparator, last)
        observed = {
            "start": absence.start.isoformat(),
            "last_day": last.isoformat(),
            "period_end": boundary.isoformat(),
            "held_from": held_from.isoformat(),
        }
        found.append(Finding(absence.subject_id, held_from.year, observed=observed))
    return found


# Leaf type (as written in packs) -> its check. The pack tests assert every type a pack uses
# is here, so a pack cannot reference a check the engine lacks.
LEAF_CHECKS: dict[str, LeafCheck] = {
    "grade_in": grade_in_set,
    "ballot_share": ballot_share_compares,
    "rank_in_bottom": rank_within_bottom_places,
    "rank_regressed": rank_worse_than_previous_period,
    "incident_count": incident_count_in_year_compares,
    "flag_set": flag_raised,
    "measure_compare": measure_compares,
    "absence_duration": absence_duration_compares,
}
