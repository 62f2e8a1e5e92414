"""Statistics in the form supervisors publish (SPEC §7; seed 003: "448 cadres found unsuitable
were adjusted"): counts by jurisdiction, year, circumstance, channel and method; reinstatements,
promotions and appeal outcomes. Computed from case states the read model already holds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from services.audit.domain.dossier import State
from services.audit.domain.filing_report import adjustment_year


def _executed(state: State) -> bool:
    return any(step["step"] == "formalities" for step in state["procedure"]) or bool(
        (state.get("arrangement") or {}).get("effective_on"))


def adjustment_statistics(states: list[State]) -> dict[str, Any]:
    by: dict[str, Counter[str]] = {k: Counter() for k in
                                   ("jurisdiction", "year", "circumstance", "channel", "method")}
    reinstatement: Counter[str] = Counter()
    appeals: Counter[str] = Counter()
    adjusted = revoked = eligible = 0
    for state in states:
        for appeal in state["appeals"]:
            appeals[str(appeal.get("outcome") or "pending")] += 1
        follow_up = state.get("follow_up") or {}
        eligible += 1 if follow_up.get("eligible_on") else 0
        if follow_up.get("reinstatement"):
            reinstatement[str(follow_up["reinstatement"].get("decision"))] += 1
        if not _executed(state):
            continue
        if state["status"] == "revoked":  # IM 22: a revoked adjustment no longer counts as one
            revoked += 1
            continue
        adjusted += 1
        by["jurisdiction"][str(state.get("managing_unit"))] += 1
        by["year"][str(adjustment_year(state))] += 1
        by["method"][str((state.get("arrangement") or {}).get("method"))] += 1
        for c in state["basis"]["circumstances"]:
            by["circumstance"][f"{c.get('pack_id')} {c.get('article')}"] += 1
        for channel in {s.get("channel") for s in state["basis"]["signals"] if s.get("channel")}:
            by["channel"][str(channel)] += 1
    return {
        "adjusted": adjusted, "revoked_on_appeal": revoked,
        "by": {k: dict(sorted(v.items())) for k, v in by.items()},
        "reinstatement_eligible": eligible,
        "reinstated": reinstatement["reinstated"], "promoted": reinstatement["promoted"],
        "reinstatement_declined": reinstatement["declined"],
        "appeal_outcomes": dict(sorted(appeals.items())),
    }
