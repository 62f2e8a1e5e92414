"""Checks on the five-step procedure of one case: order, completeness, talker, formalities."""

from __future__ import annotations

from services.audit.domain.compliance.finding import Finding
from services.audit.domain.compliance.talkers import allowed_talkers
from services.audit.domain.entries import Entry, data, day, of_type
from shared.calendar import period_end

STEPS = ["verify_determine", "propose", "decide", "talk", "formalities"]
IM15 = "IM 15: 核实认定、提出建议、组织决定、谈话、履行任免程序，不得变通、减少、倒置"
IM20 = "IM 20: 谈话人按干部职务确定"
IM21 = "IM 21: 一般在1个月内办理调整干部工资、待遇等方面的手续"


def check_step_order(cadre_id: str, case_id: str, entries: list[Entry]) -> list[Finding]:
    """Steps recorded out of order, skipped, or missing once the adjustment was executed."""
    findings: list[Finding] = []
    reached = -1
    last_on = None
    for entry in of_type(entries, "AdjustmentStepRecorded"):
        step, on = str(data(entry).get("step")), day(data(entry).get("on"))
        index = STEPS.index(step) if step in STEPS else -1
        if index <= reached:
            findings.append(Finding("steps_out_of_order", IM15, cadre_id, case_id,
                                    f"step {step} recorded after {STEPS[reached]}", (entry["event_id"],)))
        elif index > reached + 1:
            skipped = ", ".join(STEPS[reached + 1:index])
            findings.append(Finding("steps_missing", IM15, cadre_id, case_id,
                                    f"step {step} recorded before {skipped}", (entry["event_id"],)))
        elif on is not None and last_on is not None and on < last_on:
            findings.append(Finding("steps_out_of_order", IM15, cadre_id, case_id,
                                    f"step {step} dated {on}, before the previous step ({last_on})",
                                    (entry["event_id"],)))
        reached = max(reached, index)
        last_on = on or last_on
    executed = of_type(entries, "AdjustmentExecuted")
    recorded = {str(data(e).get("step")) for e in of_type(entries, "AdjustmentStepRecorded")}
    missing = [s for s in STEPS if s not in recorded]
    if executed and missing:
        findings.append(Finding("steps_missing", IM15, cadre_id, case_id,
                                f"executed without step(s): {', '.join(missing)}",
                                (executed[0]["event_id"],)))
    return findings


def cadre_role(entries: list[Entry]) -> str | None:
    for entry in reversed(entries):
        cadre = data(entry).get("cadre")
        if isinstance(cadre, dict) and cadre.get("role"):
            return str(cadre["role"])
    return None


def check_talker(cadre_id: str, case_id: str, entries: list[Entry]) -> list[Finding]:
    """The decision talk held by someone the rule does not name for the cadre's role."""
    role = cadre_role(entries) or "unit_staff"
    findings = []
    for entry in of_type(entries, "AdjustmentStepRecorded"):
        details = data(entry).get("details") or {}
        if data(entry).get("step") != "talk":
            continue
        position = str(details.get("talker_position", ""))
        if position not in allowed_talkers(role):
            findings.append(Finding(
                "wrong_talker", IM20, cadre_id, case_id,
                f"talker position {position or '(not recorded)'!r} may not talk to a cadre "
                f"with role {role!r}; "
                f"allowed: {', '.join(sorted(allowed_talkers(role)))}", (entry["event_id"],)))
    return findings


def check_formalities(cadre_id: str, case_id: str, entries: list[Entry]) -> list[Finding]:
    """Formalities reported overdue, or completed more than one month after the decision."""
    findings = [
        Finding("formalities_overdue", IM21, cadre_id, case_id,
                f"formalities due on {data(e).get('due_on')} still open on {data(e).get('detected_on')}",
                (e["event_id"],))
        for e in of_type(entries, "FormalitiesOverdue")
    ]
    decided = [day(data(e).get("decided_on")) for e in of_type(entries, "AdjustmentDecided")]
    if not decided or decided[0] is None:
        return findings
    due = period_end(decided[0], months=1)
    for entry in of_type(entries, "AdjustmentStepRecorded"):
        on = day(data(entry).get("on"))
        if data(entry).get("step") == "formalities" and on is not None and on > due:
            findings.append(Finding("formalities_overdue", IM21, cadre_id, case_id,
                                    f"formalities completed on {on}, after {due} (one month from the "
                                    f"decision on {decided[0]})", (entry["event_id"],)))
    return findings
