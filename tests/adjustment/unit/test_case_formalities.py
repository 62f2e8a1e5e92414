"""IM 21 on the case: the one-month salary deadline, its overdue flag, elected posts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.errors import FormalitiesStateError
from tests.adjustment.unit.case_records import decision, new_case, proposal, rules, talk

RULES = rules()


def talked_case() -> AdjustmentCase:
    case = new_case()
    case.propose(proposal(), RULES)
    case.decide(decision(), RULES)
    case.hold_talk(talk(), RULES)
    return case


def executed(effective_on: date, recorded_on: date, **formalities: Any) -> AdjustmentCase:
    case = talked_case()
    case.complete_formalities({"recorded_by": "科", **formalities}, effective_on, RULES, recorded_on)
    return case


@pytest.mark.parametrize(("effective_on", "due_on"), [
    (date(2026, 6, 1), date(2026, 7, 1)),
    (date(2026, 8, 31), date(2026, 9, 30)),  # Civil Code art. 202: no 31 September
    (date(2026, 12, 15), date(2027, 1, 15)),
])
def test_salary_formalities_are_due_one_month_after_the_adjustment(effective_on: date, due_on: date) -> None:
    assert executed(effective_on, effective_on).salary_formalities_due_on == due_on


@pytest.mark.parametrize(("detected_on", "flagged"), [
    (date(2026, 7, 1), False),  # the last day is still inside (art. 203(2))
    (date(2026, 7, 2), True),
])
def test_the_overdue_flag_starts_the_day_after_the_last_day(detected_on: date, flagged: bool) -> None:
    case = executed(date(2026, 6, 1), date(2026, 6, 1))
    if flagged:
        case.flag_formalities_overdue(detected_on)
        assert case.formalities_overdue_on == detected_on
        with pytest.raises(FormalitiesStateError, match="already flagged"):
            case.flag_formalities_overdue(detected_on)
    else:
        with pytest.raises(FormalitiesStateError, match="has not passed"):
            case.flag_formalities_overdue(detected_on)


def test_recorded_salary_formalities_close_the_deadline_and_say_whether_late() -> None:
    case = executed(date(2026, 6, 1), date(2026, 6, 1))
    case.record_salary_formalities(date(2026, 7, 2), "人事科")
    assert case.salary_formalities is not None and case.salary_formalities["late"] is True
    with pytest.raises(FormalitiesStateError):
        case.flag_formalities_overdue(date(2026, 8, 1))
    with pytest.raises(FormalitiesStateError, match="already recorded"):
        case.record_salary_formalities(date(2026, 7, 3), "人事科")


def test_a_record_entered_after_its_deadline_is_marked_late_and_elected_posts_are_flagged() -> None:
    on_time = executed(date(2026, 6, 1), date(2026, 7, 1), elected_post=True)
    assert on_time.formalities is not None
    assert "salary_formalities_late_at_recording" not in on_time.formalities
    assert "IM 21" in on_time.formalities["legal_procedure"]
    late = executed(date(2026, 6, 1), date(2026, 7, 2))
    assert late.formalities is not None and late.formalities["salary_formalities_late_at_recording"] is True
    assert "legal_procedure" not in late.formalities
