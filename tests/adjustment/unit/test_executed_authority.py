"""`AdjustmentExecuted` carries the case's authority, so follow-up acts within it (SPEC §8)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.adapters.outbox import translate
from services.adjustment.domain.case import AdjustmentCase
from tests.adjustment.unit.case_records import decision, new_case, proposal, rules, talk

AUTHORITY = {"managing_unit": "org:city", "co_managing_unit": "org:province-dept", "pack_id": "IM-2022"}


def executed_events() -> list[Any]:
    case = new_case(role="unit_staff", authority=AUTHORITY)
    im = rules()
    case.propose(proposal(), im)
    consultation = {"co_managing_unit": "org:province-dept", "consulted_person": "省厅干部处 王",
                    "consulted_on": "2026-05-18", "opinion": "同意", "recorded_by": "x",
                    "recorded_by_unit": "org:city"}
    case.decide(decision(consultation=consultation), im)
    case.hold_talk(talk(talker_position="unit_org_dept_head"), im)
    case.complete_formalities({"recorded_by": "z"}, date(2026, 6, 1), im)
    events = case.collect_events()
    assert isinstance(events[-1], AdjustmentCase.FormalitiesCompleted)
    return events


def executed_data(event: Any) -> dict[str, Any]:
    [envelope] = [e for e in translate(event) if e.type == "AdjustmentExecuted"]
    return envelope.data


def test_the_executed_adjustment_names_the_managing_and_co_managing_units() -> None:
    assert executed_data(executed_events()[-1])["authority"] == AUTHORITY


def test_an_execution_stored_before_the_authority_was_carried_replays_and_publishes_none() -> None:
    events = executed_events()
    object.__delattr__(events[-1], "authority")
    case = None
    for event in events:
        case = event.mutate(case)
    assert isinstance(case, AdjustmentCase) and case.steps_done[-1] == "formalities"
    assert executed_data(events[-1])["authority"] is None
