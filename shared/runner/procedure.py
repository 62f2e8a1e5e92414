"""The five-step adjustment of the scenario's cadre (IM 15-21): what each step's request carries."""

from __future__ import annotations

from datetime import date
from typing import Any

# Steps recorded by the committee's secretary (the committee decides); the case officer does the rest.
DECIDED_BY_COMMITTEE = frozenset({"decision"})


def procedure_steps(effective_on: date) -> list[tuple[str, dict[str, Any]]]:
    """(step path, body) in procedure order, for a removal (免职) after an unsuitability finding."""
    return [
        ("proposal", {
            "method": "removal", "reason": "IM-2022 art. 6(8): 担当作为不力造成较大损失",
            "destination_post": "市住房和城乡建设局一级调研员", "new_rank": "一级调研员",
            "nature": "punitive", "study_meeting": "部务会 2026-05-12",
            "participants": ["部长", "常务副部长", "干部监督科科长"],
            "record_and_attitude": "一贯表现一般；对问题认识较好，已作检查",
            "on_behalf_of": "市委组织部", "proposed_on": "2026-05-12",
        }),
        ("decision", {
            "meeting_date": "2026-05-20", "members_expected": 11, "present": 10,
            "votes_for": 9, "votes_against": 0, "abstaining": 1,
            "attendees": ["书记", "副书记", "常委8人"], "opinions_heard": ["市纪委监委"],
            "on_behalf_of": "市委办公室",
        }),
        ("talk", {
            "talker": "自治区党委组织部副部长 赵强", "talker_position": "upper_org_dept_head",
            "talk_date": "2026-05-25", "summary": "宣布免职决定，指出问题，提出要求",
            "cadre_response": "表示服从组织决定",
        }),
        ("formalities", {
            "effective_on": effective_on.isoformat(), "removal_document": "包任〔2026〕31号",
            "on_behalf_of": "市委组织部干部一科",
        }),
    ]
