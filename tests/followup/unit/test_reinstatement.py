"""Reinstatement eligibility, the decision after it, own-request cases and early retirement."""

from __future__ import annotations

from datetime import date

import pytest

from services.followup.domain import errors
from tests.followup.unit.plans import open_plan

AFTER = date(2027, 6, 2)  # the day after a one-year period from 2026-06-01


def test_eligible_the_day_after_the_last_day_and_not_on_it() -> None:
    plan = open_plan("IM-2022", "removal", date(2026, 6, 1))
    assert plan.declare_eligible(date(2027, 6, 1), open_concerns=0) is False
    assert plan.declare_eligible(AFTER, open_concerns=0) is True
    assert plan.eligibility_reasons[0].endswith("ended on 2027-06-01")
    assert "still to be recorded" in plan.eligibility_reasons[2]  # no assessment yet: not blocking


def test_an_open_concern_or_an_assessment_below_the_bar_blocks_eligibility() -> None:
    plan = open_plan("LG-2020", "removal", date(2026, 6, 1))
    assert plan.declare_eligible(AFTER, open_concerns=1) is False
    plan.record_item("assessment", "考核委员会", date(2027, 1, 20), "2026年度", grade="basically_competent")
    assert plan.declare_eligible(AFTER, open_concerns=0) is False
    plan.record_item("assessment", "考核委员会", date(2027, 5, 20), "复核考察", grade="competent")
    assert plan.declare_eligible(AFTER, open_concerns=0) is True
    assert any("recorded" in reason for reason in plan.eligibility_reasons)


def test_wy_reinstatement_needs_the_upper_department_consulted_and_the_assessments() -> None:
    plan = open_plan("WY-2019", "removal", date(2026, 6, 1))
    with pytest.raises(errors.NotYetEligibleError):
        plan.decide_reinstatement("reinstated", "区委", AFTER)
    assert plan.declare_eligible(AFTER, open_concerns=0)
    with pytest.raises(errors.UpperConsultationMissingError):
        plan.decide_reinstatement("reinstated", "区委", AFTER)
    plan.consult_upper("市委组织部", AFTER, "同意", "区委组织部")
    with pytest.raises(errors.AssessmentBarNotMetError):
        plan.decide_reinstatement("reinstated", "区委", AFTER)
    plan.record_item("assessment", "区委组织部", AFTER, "考察", grade="excellent")
    plan.decide_reinstatement("promoted", "区委", AFTER)
    assert plan.decision == {"decision": "promoted", "by": "区委", "on": AFTER, "upper_consulted": True}
    with pytest.raises(errors.AlreadyDecidedError):
        plan.decide_reinstatement("declined", "区委", AFTER)


def test_lg_needs_no_consultation_and_a_decline_needs_no_assessment() -> None:
    plan = open_plan("LG-2020", "removal", date(2026, 6, 1))
    plan.declare_eligible(AFTER, open_concerns=0)
    plan.decide_reinstatement("declined", "党工委", AFTER)
    assert plan.decision is not None and plan.decision["upper_consulted"] is False


def test_an_own_request_case_becomes_eligible_when_the_reason_is_resolved() -> None:
    plan = open_plan("WY-2019", "move_from_post", date(2026, 6, 1))
    plan.note_own_request("health", "区委组织部", date(2026, 6, 1))
    assert plan.declare_eligible(date(2026, 10, 1), open_concerns=0) is False
    plan.resolve_own_request("区委组织部", date(2026, 10, 8))
    assert plan.next_wake_on() == date.min
    assert plan.declare_eligible(date(2026, 10, 9), open_concerns=0) is True
    assert "WY-2019 art. 18" in plan.eligibility_reasons[0]
    assert "正处级" in plan.eligibility_reasons[0]


@pytest.mark.parametrize(
    ("pack_id", "method", "personal", "lost_under"),
    [("LG-2020", "removal", True, "LG 13"), ("LG-2020", "removal", False, None),
     ("IM-2022", "early_retirement", True, None)],
)
def test_early_retirement_for_personal_reasons_loses_the_former_posts_benefits_under_lg_13(
    pack_id: str, method: str, personal: bool, lost_under: str | None
) -> None:
    plan = open_plan(pack_id, method, date(2026, 6, 1))
    plan.retire_early(date(2026, 7, 1), personal_reasons=personal, by="组织部")
    assert plan.retirement is not None
    assert plan.retirement["benefits_lost_under"] == lost_under
    assert plan.ended_on == date(2026, 7, 1)


def test_im_early_retirement_has_no_impact_period() -> None:
    plan = open_plan("IM-2022", "early_retirement", date(2026, 6, 1))
    assert plan.impact_period_ends_on is None and plan.bar == "none"
    assert plan.due["care_talk"] == []
