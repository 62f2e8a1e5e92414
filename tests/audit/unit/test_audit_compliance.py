"""Each compliance check fires on a constructed violation, cites its rule, and stays silent on a
clean case (IM 15, 20, 21, 25, 27-30, 33; WY-FT 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from services.audit.domain.compliance.quota import quota_signals
from services.audit.domain.compliance.run import check_cadre
from tests.audit.case_events import CASE_A, T0, entries_of, integration_event, whole_case

Entries = list[dict[str, Any]]


def clean() -> Entries:
    return entries_of(whole_case())


def extra(entries: Entries, event_type: str, data: dict[str, Any]) -> Entries:
    at = T0 + timedelta(days=60 + len(entries))
    return entries + entries_of([integration_event(event_type, data, cadre_id="cadre-a", at=at)])


def extra_unchecked(entries: Entries, event_type: str, data: dict[str, Any]) -> Entries:
    """An entry the contract would refuse today (e.g. from an older producer): the check still holds."""
    closed = {"concern_id": "c", "outcome": "unsuitable", "closed_by": "x"}
    entry = dict(extra(entries, "ConcernClosed", closed)[-1])
    return entries + [{**entry, "type": event_type, "data": data}]


def without_step(name: str) -> Entries:
    return [e for e in clean() if e["data"].get("step") != name]


def swap_steps(a: str, b: str) -> Entries:
    entries = clean()
    i, j = (next(n for n, e in enumerate(entries) if e["data"].get("step") == s) for s in (a, b))
    entries[i], entries[j] = entries[j], entries[i]
    return entries


def late_formalities() -> Entries:
    entries = clean()
    for e in entries:
        if e["data"].get("step") == "formalities":
            e["data"] = {**e["data"], "on": "2026-06-21"}  # decided 2026-05-20: one month ends 06-20
    return entries


def sanction() -> dict[str, Any]:
    return {"sanction_id": "s1", "sanction": "党内警告", "imposed_on": "2026-06-01", "imposed_by": "市纪委",
            "matter_ref": "jw-1"}


def sanction_instead_of_adjustment() -> Entries:
    kept = [e for e in clean() if e["type"] not in ("AdjustmentExecuted",)]
    return extra(kept, "SanctionImposed", sanction())


def adjustment_instead_of_sanction() -> Entries:
    entries = clean()
    for e in entries:
        if e["type"] == "ConcernClosed":
            e["data"] = {**e["data"], "outcome": "referred_to_discipline"}
    return entries


VIOLATIONS: list[tuple[str, Callable[[], Entries], str]] = [
    ("steps_missing", lambda: without_step("propose"), "IM 15"),
    ("steps_missing", lambda: without_step("formalities"), "IM 15"),
    ("steps_out_of_order", lambda: swap_steps("decide", "talk"), "IM 15"),
    ("wrong_talker", lambda: entries_of(whole_case(talker_position="unit_org_dept_head")), "IM 20"),
    ("formalities_overdue", late_formalities, "IM 21"),
    ("formalities_overdue", lambda: extra(clean(), "FormalitiesOverdue",
                                          {"case_id": CASE_A.case_id, "due_on": "2026-07-01",
                                           "detected_on": "2026-07-02"}), "IM 21"),
    ("fault_tolerance_clock_missed", lambda: extra(clean(), "FaultToleranceClockMissed", {
        "application_id": "ft-1", "clock": "investigation_report", "due_on": "2026-06-01",
        "citation": "WY-FT 8(2)"}), "WY-FT 8(2)"),
    ("over_quota_without_approval", lambda: extra_unchecked(clean(), "OverQuotaPlacement", {
        "case_id": CASE_A.case_id, "unit_id": "unit:x", "rank": "一级调研员",
        "org_dept_approval": "组干〔2026〕3号",
        "staffing_approval": "", "absorb_by": "2027-06-01"}), "IM 25"),
    ("over_quota_absorption_beyond_one_year", lambda: extra(clean(), "OverQuotaPlacement", {
        "case_id": CASE_A.case_id, "unit_id": "unit:x", "rank": "一级调研员",
        "org_dept_approval": "组干〔2026〕3号",
        "staffing_approval": "编办〔2026〕9号", "absorb_by": "2028-01-01"}), "IM 25"),
    ("quota_absorption_overdue", lambda: extra(clean(), "QuotaAbsorptionOverdue", {
        "unit_id": "unit:x", "rank": "一级调研员", "case_id": CASE_A.case_id, "absorb_by": "2027-06-01",
        "detected_on": "2027-06-02"}), "IM 25"),
    ("follow_up_missed", lambda: extra(clean(), "FollowUpItemMissed", {
        "plan_id": CASE_A.plan_id, "kind": "recheck", "due_on": "2026-12-01", "detected_on": "2026-12-02"}),
     "IM 30"),
    ("follow_up_missed", lambda: extra(clean(), "FollowUpItemMissed", {
        "plan_id": CASE_A.plan_id, "kind": "care_talk", "due_on": "2026-09-01", "detected_on": "2026-09-02"}),
     "IM 27"),
    ("sanction_instead_of_adjustment", sanction_instead_of_adjustment, "IM 33"),
    ("adjustment_instead_of_sanction", adjustment_instead_of_sanction, "IM 33"),
]


def test_a_clean_case_raises_no_finding() -> None:
    assert check_cadre("cadre-a", clean()) == []


def test_approved_over_quota_and_a_sanction_with_its_adjustment_are_clean() -> None:
    entries = extra(clean(), "OverQuotaPlacement", {
        "case_id": CASE_A.case_id, "unit_id": "unit:x", "rank": "一级调研员",
        "org_dept_approval": "组干〔2026〕3号",
        "staffing_approval": "编办〔2026〕9号", "absorb_by": "2027-06-01"})
    assert check_cadre("cadre-a", extra(entries, "SanctionImposed", sanction())) == []


@pytest.mark.parametrize(("check", "build", "citation"), VIOLATIONS)
def test_each_check_fires_on_its_violation_and_cites_its_rule(
    check: str, build: Callable[[], Entries], citation: str
) -> None:
    findings = [f for f in check_cadre("cadre-a", build()) if f.check == check]
    assert findings, f"{check} did not fire"
    assert all(f.citation.startswith(citation) for f in findings)
    assert all(f.evidence for f in findings)


@pytest.mark.parametrize(("role", "position", "fires"), [
    ("party_committee_head", "upper_org_dept_head", False),
    ("party_committee_head", "upper_committee_leader", False),
    ("party_committee_head", "upper_org_dept_leader", True),
    ("party_committee_member", "same_level_committee_head_delegated", False),
    ("party_committee_member", "unit_committee_leader", True),
    ("subordinate_body_head", "unit_committee_leader", False),
    ("subordinate_body_head", "unit_org_dept_head", True),
    ("unit_staff", "unit_org_dept_head", False),
    ("unit_staff", "upper_org_dept_head", True),
])
def test_the_talker_table_of_im20(role: str, position: str, fires: bool) -> None:
    findings = check_cadre("cadre-a", entries_of(whole_case(role=role, talker_position=position)))
    assert any(f.check == "wrong_talker" for f in findings) is fires


@pytest.mark.parametrize(("count", "target", "history", "expected"), [
    (10, 10, {}, {"quota_clustered_at_target"}),
    (11, 10, {}, {"quota_clustered_at_target"}),   # within 10 % above the target
    (12, 10, {}, set()),
    (9, 10, {}, set()),                            # below the target is not chasing it
    (2, 1, {}, {"quota_clustered_at_target"}),     # a band of at least one
    (8, None, {2024: 4, 2025: 4}, {"quota_sudden_jump"}),   # twice the mean, +4
    (7, None, {2024: 4, 2025: 4}, set()),
    (4, None, {2024: 1, 2025: 1}, {"quota_sudden_jump"}),   # 4 ≥ 2 and 3 more
    (3, None, {2024: 1, 2025: 1}, set()),                   # only 2 more
    (20, None, {2025: 1}, set()),                           # one year is no history
])
def test_quota_chasing_signals_at_their_boundaries(count: int, target: int | None, history: dict[int, int],
                                                   expected: set[str]) -> None:
    signals = quota_signals("org:x", 2026, {**history, 2026: count}, target)
    assert {s.check for s in signals} == expected
    assert all(s.citation.startswith("IM 33") for s in signals)
