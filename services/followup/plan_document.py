"""A follow-up plan as the API shows it: periods, schedule with each item's state, and the record."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.followup.domain.plan import FollowUpPlan
from services.followup.domain.schedule import is_held, windows


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _schedule(plan: FollowUpPlan) -> list[dict[str, Any]]:
    recorded = plan.recorded_on()
    flagged = set(plan.flagged)
    items = []
    for kind, dates in plan.due.items():
        for window in windows(plan.effective_on, dates):
            state = (
                "held" if is_held(window, recorded[kind])
                else "missed" if (kind, window[1]) in flagged else "open"
            )
            items.append({"kind": kind, "due_on": window[1].isoformat(), "state": state})
    return sorted(items, key=lambda item: (item["due_on"], item["kind"]))


def plan_document(plan: FollowUpPlan) -> dict[str, Any]:
    return {
        "plan_id": str(plan.id),
        "case_id": plan.case_id,
        "cadre_id": plan.cadre_id,
        "authority": plan.managing_unit and {
            "managing_unit": plan.managing_unit, "co_managing_unit": plan.co_managing_unit,
            "cadre_unit": plan.cadre_unit,
        },
        "pack_id": plan.pack_id,
        "method": plan.method,
        "effective_on": plan.effective_on.isoformat(),
        "former_post": plan.former_post,
        "former_rank": plan.former_rank,
        "impact_period_ends_on": _iso(plan.impact_period_ends_on),
        "bar": plan.bar,
        "citation": plan.citation,
        "care_talks_by": plan.care_talks_by,
        "schedule": _schedule(plan),
        "records": [{**r, "on": r["on"].isoformat()} for r in plan.records],
        "goals": plan.goals,
        "assessment_bar": plan.assessment_bar.describe(),
        "upper_consultation_required": plan.upper_consultation_required,
        "consultations": [{**c, "on": c["on"].isoformat()} for c in plan.consultations],
        "problems": [{**p, "on": p["on"].isoformat()} for p in plan.problems],
        "corrections": [{**c, "on": c["on"].isoformat()} for c in plan.corrections],
        "own_request": plan.own_request and {
            k: (v.isoformat() if isinstance(v, date) else v) for k, v in plan.own_request.items()
        },
        "retirement": plan.retirement and {**plan.retirement, "on": plan.retirement["on"].isoformat()},
        "eligible_on": _iso(plan.eligible_on),
        "eligibility_reasons": plan.eligibility_reasons,
        "decision": plan.decision and {**plan.decision, "on": plan.decision["on"].isoformat()},
        "ended_on": _iso(plan.ended_on),
        "end_reason": plan.end_reason,
    }
