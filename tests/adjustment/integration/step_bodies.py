"""Request bodies for the four HTTP steps, as the scenario posts them, with overrides."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

ROUTES = {"propose": "proposal", "decide": "decision", "talk": "talk", "formalities": "formalities"}


def proposal(**overrides: Any) -> dict[str, Any]:
    return {
        "method": "removal", "reason": "IM-2022 art. 6(8): 担当作为不力造成较大损失",
        "destination_post": "一级调研员", "new_rank": "一级调研员", "nature": "punitive",
        "study_meeting": "部务会 2026-05-12", "participants": ["部长", "常务副部长"],
        "record_and_attitude": "对问题认识较好，已作检查", "on_behalf_of": "市委组织部",
        "proposed_on": "2026-05-12", **overrides,
    }


def decision(**overrides: Any) -> dict[str, Any]:
    """A quorate meeting: 9 of the 11 members who should attend, 8 for, 1 abstaining."""
    return {
        "meeting_date": "2026-05-20", "members_expected": 11, "present": 9, "votes_for": 8,
        "votes_against": 0, "abstaining": 1, "attendees": ["书记", "副书记"],
        "opinions_heard": ["市纪委监委"], "on_behalf_of": "市委办公室", **overrides,
    }


def talk(**overrides: Any) -> dict[str, Any]:
    return {
        "talker": "上级组织部部长", "talker_position": "upper_org_dept_head", "talk_date": "2026-05-25",
        "summary": "宣布决定", "cadre_response": "服从", **overrides,
    }


def formalities(**overrides: Any) -> dict[str, Any]:
    return {"effective_on": "2026-06-01", "removal_document": "任〔2026〕31号",
            "on_behalf_of": "干部一科", **overrides}


BODIES = {"propose": proposal, "decide": decision, "talk": talk, "formalities": formalities}


def post_step(client: TestClient, case_id: str, step: str, **overrides: Any) -> Any:
    return client.post(f"/cases/{case_id}/{ROUTES[step]}", json=BODIES[step](**overrides))


def advance(client: TestClient, case_id: str, steps: list[str]) -> None:
    for step in steps:
        response = post_step(client, case_id, step)
        assert response.status_code == 200, response.text
