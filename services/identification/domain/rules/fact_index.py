"""Facts grouped by feed, with contradictory duplicates rejected.

A feed may resend a fact (at-least-once delivery), so identical duplicates collapse. Two different
values for the same subject, period and feed mean the caller mixed an original and a correction;
the engine refuses rather than pick one, because the choice decides whether a cadre is flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TypeVar

from services.identification.domain.rules.facts import (
    Absence,
    Ballot,
    Facts,
    Flag,
    Grade,
    Incident,
    Measure,
    Rank,
)


class ConflictingFactsError(ValueError):
    """Two facts give different values for the same subject, period and feed."""


_F = TypeVar("_F", Grade, Ballot, Rank, Measure)


def _unique(facts: Iterable[_F], kind: str) -> dict[str, list[_F]]:
    seen: dict[Hashable, _F] = {}
    for fact in facts:
        indicator = fact.indicator if isinstance(fact, Rank) else ""
        key = (fact.feed, fact.subject_id, fact.period, indicator)
        earlier = seen.setdefault(key, fact)
        if earlier != fact:
            raise ConflictingFactsError(f"{kind} facts disagree for {key}: {earlier} vs {fact}")
    grouped: dict[str, list[_F]] = defaultdict(list)
    for fact in seen.values():
        grouped[fact.feed].append(fact)
    return grouped


class FactIndex:
    """Read-only lookups by feed; built once per evaluation."""

    def __init__(self, facts: Facts) -> None:
        self._grades = _unique(facts.grades, "Grade")
        self._ballots = _unique(facts.ballots, "Ballot")
        self._ranks = _unique(facts.ranks, "Rank")
        self._measures = _unique(facts.measures, "Measure")
        # Incidents add up (each fact is a count); flags and absences are sets.
        self._incidents: dict[str, list[Incident]] = defaultdict(list)
        for incident in facts.incidents:
            self._incidents[incident.feed].append(incident)
        self._flags: dict[str, set[Flag]] = defaultdict(set)
        for flag in facts.flags:
            self._flags[flag.feed].add(flag)
        self._absences: dict[str, set[Absence]] = defaultdict(set)
        for absence in facts.absences:
            self._absences[absence.feed].add(absence)
        self._roles: dict[str, set[str]] = defaultdict(set)
        for post in facts.posts:
            self._roles[post.cadre_id].add(post.role)

    def grades(self, feed: str) -> list[Grade]:
        return self._grades.get(feed, [])

    def ballots(self, feed: str) -> list[Ballot]:
        return self._ballots.get(feed, [])

    def ranks(self, feed: str) -> list[Rank]:
        return self._ranks.get(feed, [])

    def measures(self, feed: str) -> list[Measure]:
        return self._measures.get(feed, [])

    def incidents(self, feed: str) -> list[Incident]:
        return self._incidents.get(feed, [])

    def flags(self, feed: str) -> list[Flag]:
        return sorted(self._flags.get(feed, set()), key=lambda f: (f.subject_id, f.period))

    def absences(self, feed: str) -> list[Absence]:
        return sorted(self._absences.get(feed, set()), key=lambda a: (a.subject_id, a.start))

    def holds(self, cadre_id: str, role: str) -> bool:
        return role in self._roles.get(cadre_id, set())
