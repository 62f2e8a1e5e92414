"""Feed records as stored facts, checked against the pack's feed vocabulary, and read back as
the rule engine's `Facts`. Pure: the pack is passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from services.identification.domain.errors import FeedRecordRefusedError
from services.identification.domain.rules import (
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
from shared.policy import Feed

# Facts of these kinds hold one value per subject, feed, period (and indicator); incidents add up
# and flags and absences are sets, so only these can contradict each other.
_SINGLE_VALUED = frozenset({"grade", "ballot", "rank", "measure"})


def check_fact(feeds: Mapping[str, Feed], feed_name: str, subject_kind: str, fact: dict[str, Any]) -> None:
    """Refuse a fact the pack's feed cannot hold; the message names the field."""
    feed = feeds.get(feed_name)
    if feed is None:
        raise FeedRecordRefusedError(f"feed: {feed_name!r} is not a feed of the bound pack "
                                     f"({', '.join(sorted(feeds))})")
    if feed.kind != fact["kind"]:
        raise FeedRecordRefusedError(f"fact.kind: feed {feed_name} holds {feed.kind} facts")
    if feed.subject != subject_kind:
        raise FeedRecordRefusedError(f"subject.kind: feed {feed_name} is about a {feed.subject}")
    vocabulary = set(feed.values)
    if not vocabulary:
        return
    if fact["kind"] == "grade" and fact["grade"] not in vocabulary:
        raise FeedRecordRefusedError(f"fact.grade: {fact['grade']!r} is not one of {feed.values}")
    if fact["kind"] == "incident" and fact["severity"] not in vocabulary:
        raise FeedRecordRefusedError(f"fact.severity: {fact['severity']!r} is not one of {feed.values}")
    if fact["kind"] == "ballot":
        unknown = sorted(set(fact["votes"]) - vocabulary)
        if unknown:
            raise FeedRecordRefusedError(f"fact.votes: {unknown[0]!r} is not one of {feed.values}")


def fact_key(feed: str, fact: dict[str, Any]) -> tuple[str, int, str] | None:
    if fact["kind"] not in _SINGLE_VALUED:
        return None
    return (feed, int(fact["period"]), str(fact.get("indicator", "")))


def check_no_contradiction(stored: Iterable[dict[str, Any]], feed: str, fact: dict[str, Any]) -> None:
    """A second, different value for the same feed and period is a correction the engine cannot
    choose between (it decides whether a cadre is flagged): refuse it, naming both."""
    key = fact_key(feed, fact)
    if key is None:
        return
    for earlier in stored:
        if fact_key(earlier["feed"], earlier["fact"]) == key and earlier["fact"] != fact:
            raise FeedRecordRefusedError(
                f"fact: {feed} {key[1]} already recorded as {earlier['fact']} "
                f"(record {earlier['record_id']})"
            )


def facts_from(subject_id: str, stored: Iterable[dict[str, Any]], roles: Iterable[str]) -> Facts:
    """The engine's Facts for one subject from its stored records."""
    grades, ballots, ranks, incidents, flags, measures, absences = [], [], [], [], [], [], []
    for entry in stored:
        feed, fact = entry["feed"], entry["fact"]
        kind = fact["kind"]
        if kind == "grade":
            grades.append(Grade(subject_id, fact["period"], feed, fact["grade"]))
        elif kind == "ballot":
            ballots.append(Ballot(subject_id, fact["period"], feed, tuple(sorted(fact["votes"].items()))))
        elif kind == "rank":
            ranks.append(Rank(subject_id, fact["period"], feed, fact["rank"], fact["of"],
                              fact.get("indicator", "")))
        elif kind == "incident":
            incidents.append(Incident(subject_id, fact["period"], feed, fact["severity"], fact["count"]))
        elif kind == "flag":
            flags.append(Flag(subject_id, fact["period"], feed))
        elif kind == "measure":
            measures.append(Measure(subject_id, fact["period"], feed, Fraction(fact["value"])))
        elif kind == "absence":
            absences.append(Absence(subject_id, feed, date.fromisoformat(fact["start"]),
                                    end=date.fromisoformat(fact["end"])))
    return Facts(
        grades=tuple(grades), ballots=tuple(ballots), ranks=tuple(ranks),
        incidents=tuple(incidents), flags=tuple(flags), measures=tuple(measures),
        absences=tuple(absences), posts=tuple(PostHeld(subject_id, role) for role in roles),
    )
