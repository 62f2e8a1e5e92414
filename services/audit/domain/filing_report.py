"""The filing report: every adjustment a department handled in a year, with the five IM 32 fields
(调整原因、调整依据、调整程序、安排方式、后续管理) and who handled it (谁办理、谁纪实)."""

from __future__ import annotations

from typing import Any

from services.audit.domain.dossier import State
from services.audit.domain.entries import day
from services.audit.domain.filing import filing_due_on
from shared.integrity.canonical import digest

FIELDS = ("reason", "basis", "procedure", "arrangement", "follow_up")


def adjustment_year(state: State) -> int | None:
    arrangement = state.get("arrangement") or {}
    when = day(arrangement.get("effective_on")) or day(arrangement.get("decided_on"))
    return when.year if when else None


def filing_item(state: State) -> dict[str, Any]:
    basis = state["basis"]
    item = {
        "case_id": state["case_id"], "cadre_id": state["cadre_id"], "cadre": state.get("cadre"),
        "status": state["status"], "handlers": state["handlers"],
        "reason": state["reason"],
        "basis": {"circumstances": basis["circumstances"], "evidence_refs": basis["evidence_refs"],
                  "channels": sorted({str(s.get("channel")) for s in basis["signals"] if s.get("channel")})},
        "procedure": [{"step": p["step"], "on": p["on"], "by": p["by"]} for p in state["procedure"]],
        "arrangement": state["arrangement"],
        "follow_up": state["follow_up"],
        "appeals": state["appeals"], "corrections": state["corrections"],
    }
    item["missing_fields"] = [
        f for f in FIELDS if not item[f] or (f == "basis" and not basis["circumstances"])]
    return item


def filing_report(org_dept: str, year: int, states: list[State]) -> dict[str, Any]:
    """The report for one department and year: its adjustments in order of effect."""
    mine = [s for s in states if s.get("managing_unit") == org_dept and adjustment_year(s) == year]
    mine.sort(key=lambda s: (str((s.get("arrangement") or {}).get("effective_on")), s["case_id"]))
    items = [filing_item(s) for s in mine]
    report: dict[str, Any] = {
        "org_dept": org_dept, "year": year, "due_on": filing_due_on(year).isoformat(),
        "adjustments": len(items), "items": items,
    }
    report["digest"] = digest(report)  # RFC 8785: the upper level recomputes it the same way
    return report
