"""Checks over a cadre's whole record: missed clocks and deadlines reported by the other services,
over-quota placements, and sanctions standing in for adjustments or the reverse (IM 33)."""

from __future__ import annotations

from services.audit.domain.compliance.finding import Finding
from services.audit.domain.entries import Entry, data, day, occurred_at, of_type
from services.audit.domain.links import CaseLinks
from shared.calendar import period_end

IM25 = "IM 25: 暂时超职数的，应当报经上一级党委组织部门和机构编制部门同意，并明确消化时限，一般应在1年内消化"
IM33 = "IM 33: 不得以党纪政务处分规避组织调整或者以组织调整代替党纪政务处分"
FOLLOW_UP_RULES = {
    "care_talk": "IM 27; LG 14: 通过谈心谈话等方式给予关心帮助",
    "training": "IM 28: 有针对性地做好教育培训工作",
    "recheck": "IM 30: 加强对被调整干部的考核考察和分析评估",
    "assessment": "IM 30: 加强对被调整干部的考核考察和分析评估",
}


def _case(links: CaseLinks, entry: Entry) -> str | None:
    return links.case_of(entry)


def check_fault_tolerance_clocks(cadre_id: str, entries: list[Entry], links: CaseLinks) -> list[Finding]:
    return [
        Finding("fault_tolerance_clock_missed", str(data(e).get("citation") or "WY-FT 8"), cadre_id, None,
                f"{data(e).get('clock')} of application {data(e).get('application_id')} "
                f"was due on {data(e).get('due_on')}", (e["event_id"],))
        for e in of_type(entries, "FaultToleranceClockMissed")
    ]


def check_quota(cadre_id: str, entries: list[Entry], links: CaseLinks) -> list[Finding]:
    findings = []
    for e in of_type(entries, "OverQuotaPlacement"):
        d = data(e)
        missing = [name for name, key in (("upper-level organisation department", "org_dept_approval"),
                                          ("staffing department", "staffing_approval")) if not d.get(key)]
        absorb_by, placed_on = day(d.get("absorb_by")), occurred_at(e).date()
        if missing or absorb_by is None:
            what = ", ".join(f"approval of the {m}" for m in missing) or "an absorption deadline"
            findings.append(Finding("over_quota_without_approval", IM25, cadre_id, _case(links, e),
                                    f"over quota in {d.get('unit_id')} ({d.get('rank')}) without {what}",
                                    (e["event_id"],)))
        elif absorb_by > period_end(placed_on, years=1):
            # "一般应在1年内消化": a longer deadline is for the supervisor to look at.
            findings.append(Finding("over_quota_absorption_beyond_one_year", IM25, cadre_id, _case(links, e),
                                    f"placed over quota on {placed_on}, to be absorbed only by {absorb_by}",
                                    (e["event_id"],)))
    for e in of_type(entries, "QuotaAbsorptionOverdue"):
        d = data(e)
        findings.append(Finding("quota_absorption_overdue", IM25, cadre_id, _case(links, e),
                                f"over-quota {d.get('rank')} post in {d.get('unit_id')} not absorbed by "
                                f"{d.get('absorb_by')}", (e["event_id"],)))
    return findings


def check_follow_up(cadre_id: str, entries: list[Entry], links: CaseLinks) -> list[Finding]:
    return [
        Finding("follow_up_missed", FOLLOW_UP_RULES.get(str(data(e).get("kind")), "IM 26-30"), cadre_id,
                _case(links, e), f"{data(e).get('kind')} due on {data(e).get('due_on')} was missed",
                (e["event_id"],))
        for e in of_type(entries, "FollowUpItemMissed")
    ]


def check_sanction_substitution(cadre_id: str, entries: list[Entry], links: CaseLinks) -> list[Finding]:
    """A sanction where an adjustment was determined but never executed, or an adjustment where the
    matter was referred to discipline and no sanction was recorded."""
    sanctions = of_type(entries, "SanctionImposed")
    determined = of_type(entries, "UnsuitabilityDetermined")
    executed = of_type(entries, "AdjustmentExecuted")
    referred = [e for e in of_type(entries, "ConcernClosed")
                if data(e).get("outcome") == "referred_to_discipline"]
    findings = []
    if sanctions and determined and not executed:
        findings.append(Finding(
            "sanction_instead_of_adjustment", IM33, cadre_id, _case(links, determined[-1]),
            "determined unsuitable, sanctioned, but no adjustment executed",
            (determined[-1]["event_id"], sanctions[-1]["event_id"])))
    if referred and executed and not sanctions:
        findings.append(Finding(
            "adjustment_instead_of_sanction", IM33, cadre_id, _case(links, executed[-1]),
            "referred to discipline, adjusted, but no party or government sanction recorded",
            (referred[-1]["event_id"], executed[-1]["event_id"])))
    return findings
