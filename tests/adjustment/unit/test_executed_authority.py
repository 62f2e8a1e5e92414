"""`AdjustmentExecuted` carries the case's authority, so follow-up acts within it (SPEC §8)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.adapters.outbox import translate
from services.adjustment.adapters.pack_rules import rules_of_pack
from services.adjustment.domain.case import AdjustmentCase
from shared.policy import load_packs

AUTHORITY = {"managing_unit": "org:city", "co_managing_unit": "org:province-dept", "pack_id": "IM-2022"}


def executed_events() -> list[Any]:
    case = AdjustmentCase(
        concern_id="c", authority=AUTHORITY,
        cadre={"cadre_id": "k", "name": "张三", "unit_id": "unit:bureau", "post": "局长", "rank": "正处级",
               "role": "unit_staff"},
        circumstances=[{"pack_id": "IM-2022", "article": "art. 6(8)"}], evidence_refs=[],
        determined_by="x", determined_on=date(2026, 5, 6),
    )
    case.propose({"method": "removal", "nature": "punitive", "destination_post": "调研员",
                  "new_rank": "一级调研员", "proposed_by": "组织部", "proposed_on": "2026-05-12"},
                 rules_of_pack(load_packs().get("IM-2022")))
    case.decide({"meeting_date": "2026-05-20", "consensus": True, "co_managing_consulted": True,
                 "recorded_by": "x"})
    case.hold_talk({"talker": "y", "talker_position": "unit_org_dept_head", "talk_date": "2026-05-25"})
    case.complete_formalities({"recorded_by": "z"}, date(2026, 6, 1))
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
