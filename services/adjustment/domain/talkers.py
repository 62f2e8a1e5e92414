"""Who may hold the decision talk, by the cadre's role (IM 20)."""

from __future__ import annotations

from services.adjustment.domain.errors import WrongTalkerError

TALKER_RULES: dict[str, tuple[frozenset[str], str]] = {
    "party_committee_head": (
        frozenset({"upper_committee_leader", "upper_org_dept_head"}),
        "IM 20: the head of a party committee or group is talked to by a leader of the "
        "upper-level committee or the head of the upper-level organisation department",
    ),
    "party_committee_member": (
        frozenset({"upper_org_dept_leader", "same_level_committee_head_delegated"}),
        "IM 20: another member of the committee or group is talked to by a leader of the "
        "upper-level organisation department, or by delegation the same-level committee's head",
    ),
    "subordinate_body_head": (
        frozenset({"unit_committee_leader"}),
        "IM 20: the head of a subordinate body is talked to by a leader of the unit's committee",
    ),
    "unit_staff": (
        frozenset({"unit_org_dept_head"}),
        "IM 20: anyone else in a unit is talked to by the head of the unit's organisation department",
    ),
}


def require_allowed_talker(cadre_role: str, talker_position: str) -> None:
    allowed, rule = TALKER_RULES.get(cadre_role, TALKER_RULES["unit_staff"])
    if talker_position not in allowed:
        raise WrongTalkerError(
            f"a talker in position {talker_position!r} may not talk to a cadre with role "
            f"{cadre_role!r}; allowed: {', '.join(sorted(allowed))} — {rule}"
        )
