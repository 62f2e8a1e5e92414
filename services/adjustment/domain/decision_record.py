"""The decision's record as it was stored before the meeting record (Decided v1), read as v2."""

from __future__ import annotations

from typing import Any


def upcast_decision_v1(old: dict[str, Any]) -> dict[str, Any]:
    """v1: attendees, votes_for/against or a consensus flag, a consulted yes/no. v2 keeps every
    fact v1 had and says plainly what v1 did not record (None), never guessing a number."""
    decision = {k: v for k, v in old.items()
                if k not in ("votes_for", "votes_against", "consensus", "co_managing_consulted")}
    decision["meeting"] = {
        "members_expected": None,
        "present": None,
        "votes_for": old.get("votes_for"),
        "votes_against": old.get("votes_against"),
        "abstaining": None,
        "consensus": bool(old.get("consensus")),
    }
    consulted = old.get("co_managing_consulted")
    # v1 stored only that the co-managing side was consulted, not who, when or what they said.
    decision["consultation"] = {"recorded_as": "consulted (v1: no details)"} if consulted else None
    decision["recorded_under"] = "v1"
    return decision
