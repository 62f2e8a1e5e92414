"""Who may hold the decision talk, by the cadre's role (IM 20): the audit service's own copy of
the rule table, so it checks what happened without trusting the service that did it."""

from __future__ import annotations

TALKERS_BY_ROLE: dict[str, frozenset[str]] = {
    # 党委（党组）主要负责人: a leader of the upper-level committee or head of the upper org department
    "party_committee_head": frozenset({"upper_committee_leader", "upper_org_dept_head"}),
    # 其他成员: a leader of the upper org department, or by delegation the same-level committee's head
    "party_committee_member": frozenset({"upper_org_dept_leader", "same_level_committee_head_delegated"}),
    # 所属机构主要负责人: a leader of the unit's committee or group
    "subordinate_body_head": frozenset({"unit_committee_leader"}),
    # 单位其他人员: the head of the unit's organisation (personnel) department
    "unit_staff": frozenset({"unit_org_dept_head"}),
}


def allowed_talkers(cadre_role: str) -> frozenset[str]:
    return TALKERS_BY_ROLE.get(cadre_role, TALKERS_BY_ROLE["unit_staff"])
