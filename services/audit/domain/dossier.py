"""A case's state folded from its entries: who handled it and the five fields of IM 32
(reason, basis, procedure, arrangement, follow-up), with every review, appeal and correction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.audit.domain.entries import Entry, data

State = dict[str, Any]
STEP_STATUS = {
    "verify_determine": "determined", "propose": "proposed", "decide": "decided",
    "talk": "talked", "formalities": "executed",
}


def empty_state(case_id: str, cadre_id: str) -> State:
    return {
        "case_id": case_id, "cadre_id": cadre_id, "status": "identified", "managing_unit": None,
        "cadre": None, "handlers": [], "actors": [], "reason": None,
        "basis": {"signals": [], "circumstances": [], "evidence_refs": []},
        "procedure": [], "arrangement": None, "appeals": [], "corrections": [], "flags": [],
        "follow_up": None, "entries": 0, "as_of_entry": None,
    }


def _acted(state: State, entry: Entry) -> None:
    """Who authenticated for the entry: on the step it recorded, and among the case's actors."""
    actor = entry.get("actor")
    if not isinstance(actor, dict) or actor.get("role") == "producer":
        return
    if entry.get("type") == "AdjustmentStepRecorded" and state["procedure"]:
        state["procedure"][-1]["actor"] = actor
    if actor not in state["actors"]:
        state["actors"].append(actor)


def _handled_by(state: State, who: object) -> None:
    if who and str(who) not in state["handlers"]:
        state["handlers"].append(str(who))


def _reported(state: State, d: dict[str, Any]) -> None:
    state["basis"]["signals"].append({k: d.get(k) for k in ("signal_id", "channel", "citation", "summary")})
    state["managing_unit"] = state["managing_unit"] or d.get("managing_unit")
    _handled_by(state, d.get("reporter"))


def _determined(state: State, d: dict[str, Any]) -> None:
    state["basis"]["circumstances"] = d.get("circumstances", [])
    state["basis"]["evidence_refs"] = d.get("evidence_refs", [])
    state["managing_unit"] = (d.get("authority") or {}).get("managing_unit") or state["managing_unit"]
    state["cadre"] = d.get("cadre") or state["cadre"]
    state["status"] = "determined"
    _handled_by(state, d.get("determined_by"))


def _step(state: State, d: dict[str, Any]) -> None:
    details = d.get("details") or {}
    state["procedure"].append(
        {"step": d.get("step"), "on": d.get("on"), "by": d.get("recorded_by"), "details": details}
    )
    if d.get("step") == "propose":
        state["reason"] = details.get("reason")
    state["status"] = STEP_STATUS.get(str(d.get("step")), state["status"])
    _handled_by(state, d.get("recorded_by"))


def _arranged(state: State, d: dict[str, Any]) -> None:
    keys = ("method", "former_post", "new_post", "former_rank", "new_rank", "pack_id",
            "decided_on", "effective_on", "salary_formalities_due_on")
    arrangement = dict(state["arrangement"] or {})
    arrangement.update({k: d[k] for k in keys if k in d})
    state["arrangement"] = arrangement
    state["cadre"] = d.get("cadre") or state["cadre"]


def _appeal_lodged(state: State, d: dict[str, Any]) -> None:
    state["appeals"].append({**d, "outcome": None})


def _appeal_decided(state: State, d: dict[str, Any]) -> None:
    for appeal in state["appeals"]:
        if appeal.get("appeal_id") == d.get("appeal_id"):
            appeal.update(outcome=d.get("outcome"), decided_on=d.get("decided_on"), reason=d.get("reason"))
            return
    state["appeals"].append(dict(d))


def _corrected(state: State, d: dict[str, Any]) -> None:
    # IM 22: a correction is a new recorded act; the original arrangement stays in the record.
    state["corrections"].append(dict(d))
    state["status"] = "revoked" if d.get("outcome") == "revoked" else "modified"


def _follow_up(state: State) -> dict[str, Any]:
    if state["follow_up"] is None:
        state["follow_up"] = {"plan_id": None, "impact_period_ends_on": None, "bar": None,
                              "items": [], "missed": [], "problems": [], "corrections": [],
                              "eligible_on": None, "reinstatement": None}
    follow_up: dict[str, Any] = state["follow_up"]
    return follow_up


def _plan_opened(state: State, d: dict[str, Any]) -> None:
    _follow_up(state).update({k: d.get(k) for k in ("plan_id", "impact_period_ends_on", "bar")})
    if state["status"] == "executed":
        state["status"] = "following_up"


def _appender(key: str) -> Callable[[State, dict[str, Any]], None]:
    def append(state: State, d: dict[str, Any]) -> None:
        _follow_up(state)[key].append(dict(d))
        _handled_by(state, d.get("by") or d.get("reported_by"))

    return append


def _eligible(state: State, d: dict[str, Any]) -> None:
    _follow_up(state)["eligible_on"] = d.get("eligible_on")
    state["status"] = "eligible"


def _reinstatement(state: State, d: dict[str, Any]) -> None:
    _follow_up(state)["reinstatement"] = dict(d)
    state["status"] = str(d.get("decision") or state["status"])


def _flag(state: State, d: dict[str, Any], kind: str) -> None:
    state["flags"].append({"kind": kind, **d})


FOLDS: dict[str, Callable[[State, dict[str, Any]], None]] = {
    "CircumstanceReported": _reported,
    "ConcernOpened": lambda s, d: s.update(managing_unit=s["managing_unit"] or d.get("managing_unit")),
    "UnsuitabilityDetermined": _determined,
    "AdjustmentStepRecorded": _step,
    "AdjustmentDecided": _arranged,
    "AdjustmentExecuted": _arranged,
    "AppealLodged": _appeal_lodged,
    "AppealDecided": _appeal_decided,
    "AdjustmentCorrected": _corrected,
    "FollowUpOpened": _plan_opened,
    "FollowUpItemRecorded": _appender("items"),
    "FollowUpItemMissed": _appender("missed"),
    "FollowUpProblemReported": _appender("problems"),
    "FollowUpPlanCorrected": _appender("corrections"),
    "ReinstatementEligible": _eligible,
    "ReinstatementDecided": _reinstatement,
    "FormalitiesOverdue": lambda s, d: _flag(s, d, "formalities_overdue"),
    "OverQuotaPlacement": lambda s, d: _flag(s, d, "over_quota"),
    "QuotaAbsorptionOverdue": lambda s, d: _flag(s, d, "quota_absorption_overdue"),
}


def case_state(case_id: str, cadre_id: str, entries: list[Entry]) -> State:
    """Fold the entries, in the order recorded, into the case's documentary state."""
    state = empty_state(case_id, cadre_id)
    for entry in entries:
        fold = FOLDS.get(str(entry.get("type")))
        if fold is not None:
            fold(state, data(entry))
        _acted(state, entry)
        state["entries"] += 1
        state["as_of_entry"] = entry.get("event_id")
    return state
