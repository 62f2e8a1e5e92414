"""Care talks, re-checks, trainings and assessments: due days, recordings, and missed ones flagged once."""

from __future__ import annotations

from datetime import date

import pytest

from services.followup.domain import errors
from tests.followup.unit.plans import open_plan

EFFECTIVE = date(2026, 6, 1)  # LG-2020 removal: period to 2027-06-01; talks every 90, re-checks 180


def test_the_schedule_follows_the_pack_intervals_within_the_impact_period() -> None:
    plan = open_plan("LG-2020", "removal", EFFECTIVE)
    assert plan.due["care_talk"] == [date(2026, 8, 30), date(2026, 11, 28), date(2027, 2, 26),
                                     date(2027, 5, 27)]
    assert plan.due["recheck"] == [date(2026, 11, 28), date(2027, 5, 27)]
    assert plan.care_talks_by == "party secretary of unit-1"


def test_a_missed_care_talk_and_a_missed_recheck_are_flagged_the_day_after_and_only_once() -> None:
    plan = open_plan("LG-2020", "removal", EFFECTIVE)
    plan.record_item("care_talk", "党委书记 王五", date(2026, 8, 30), "谈心谈话")  # the due day counts
    assert plan.flag_missed(date(2026, 11, 28)) == []  # the due day itself is still inside
    assert plan.flag_missed(date(2026, 11, 29)) == [
        ("care_talk", date(2026, 11, 28)), ("recheck", date(2026, 11, 28)),
    ]
    assert plan.flag_missed(date(2026, 12, 15)) == []  # flagged once
    plan.record_item("care_talk", "党委书记 王五", date(2026, 12, 1), "补谈")
    assert plan.flag_missed(date(2027, 2, 27)) == []  # the late talk counts for the next window
    assert plan.flag_missed(date(2027, 5, 28)) == [
        ("care_talk", date(2027, 5, 27)), ("recheck", date(2027, 5, 27)),
    ]


def test_scheduled_training_and_assessment_are_missed_unless_recorded_by_their_due_day() -> None:
    plan = open_plan("WY-2019", "demotion", EFFECTIVE)
    plan.schedule_item("training", date(2026, 9, 30), "针对性培训：基层治理")
    plan.schedule_item("assessment", date(2027, 1, 31), "2026年度考核")
    plan.record_item("training", "区委党校", date(2026, 9, 20), "completed")
    missed = plan.flag_missed(date(2027, 2, 1))
    assert ("training", date(2026, 9, 30)) not in missed
    assert ("assessment", date(2027, 1, 31)) in missed


def test_assessments_carry_a_grade_of_the_pack_and_nothing_is_recorded_on_an_ended_plan() -> None:
    plan = open_plan("IM-2022", "removal", EFFECTIVE)
    with pytest.raises(errors.UnknownGradeError):
        plan.record_item("assessment", "组织部", date(2027, 1, 10), "", grade="good")
    with pytest.raises(errors.UnknownGradeError):
        plan.record_item("assessment", "组织部", date(2027, 1, 10), "")
    with pytest.raises(errors.UnknownItemKindError):
        plan.record_item("party", "组织部", date(2027, 1, 10), "")
    plan.retire_early(date(2026, 9, 1), personal_reasons=False, by="组织部")
    with pytest.raises(errors.PlanEndedError):
        plan.record_item("care_talk", "书记", date(2026, 9, 2), "")
    assert plan.flag_missed(date(2027, 7, 1)) == []
    assert plan.next_wake_on() is None


def test_the_next_wake_up_is_the_day_after_the_first_open_due_day_or_the_period_end() -> None:
    plan = open_plan("LG-2020", "removal", EFFECTIVE)
    assert plan.next_wake_on() == date(2026, 8, 31)
    for due in plan.due["care_talk"]:
        plan.record_item("care_talk", "书记", due, "")
    for due in plan.due["recheck"]:
        plan.record_item("recheck", "组织部", due, "")
    assert plan.next_wake_on() == date(2027, 6, 2)  # the day after the last day of the period
