"""Every compliance check over one cadre's record, case by case and across the record."""

from __future__ import annotations

from collections.abc import Callable

from services.audit.domain.compliance.finding import Finding
from services.audit.domain.compliance.follow_through import (
    check_fault_tolerance_clocks,
    check_follow_up,
    check_quota,
    check_sanction_substitution,
)
from services.audit.domain.compliance.procedure import check_formalities, check_step_order, check_talker
from services.audit.domain.entries import Entry
from services.audit.domain.links import CaseLinks

CaseCheck = Callable[[str, str, list[Entry]], list[Finding]]
CadreCheck = Callable[[str, list[Entry], CaseLinks], list[Finding]]
CASE_CHECKS: list[CaseCheck] = [check_step_order, check_talker, check_formalities]
CADRE_CHECKS: list[CadreCheck] = [
    check_fault_tolerance_clocks, check_quota, check_follow_up, check_sanction_substitution,
]


def cases_of(entries: list[Entry]) -> tuple[dict[str, list[Entry]], CaseLinks]:
    """Group a cadre's entries by case, following the same links the record keeps."""
    links = CaseLinks()
    cases: dict[str, list[Entry]] = {}
    for entry in entries:
        links.learn(entry)
        case_id = links.case_of(entry)
        if case_id is not None:
            cases.setdefault(case_id, []).append(entry)
    return cases, links


def check_cadre(cadre_id: str, entries: list[Entry]) -> list[Finding]:
    cases, links = cases_of(entries)
    findings = [f for case_id, case_entries in cases.items() for check in CASE_CHECKS
                for f in check(cadre_id, case_id, case_entries)]
    return findings + [f for check in CADRE_CHECKS for f in check(cadre_id, entries, links)]
