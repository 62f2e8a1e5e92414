"""IM 20: who may hold the decision talk, per role of the cadre, right and wrong, over HTTP."""

from __future__ import annotations

import pytest

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

# role -> (an allowed talker, a talker the rule does not allow for that role)
ROLES = {
    "party_committee_head": ("upper_committee_leader", "upper_org_dept_leader"),
    "party_committee_member": ("same_level_committee_head_delegated", "upper_committee_leader"),
    "subordinate_body_head": ("unit_committee_leader", "unit_org_dept_head"),
    "unit_staff": ("unit_org_dept_head", "unit_committee_leader"),
}


@pytest.mark.parametrize("role", list(ROLES))
def test_the_allowed_talker_is_accepted(service: Service, role: str) -> None:
    case_id = service.open_case(role=role)
    advance(service.client, case_id, ["propose", "decide"])
    response = post_step(service.client, case_id, "talk", talker_position=ROLES[role][0])
    assert response.status_code == 200, response.text
    assert response.json()["talk"]["talker_position"] == ROLES[role][0]


@pytest.mark.parametrize("role", list(ROLES))
def test_a_wrong_talker_is_refused_with_the_rule_cited(service: Service, role: str) -> None:
    case_id = service.open_case(role=role)
    advance(service.client, case_id, ["propose", "decide"])
    before = service.client.get(f"/cases/{case_id}").json()

    response = post_step(service.client, case_id, "talk", talker_position=ROLES[role][1])

    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "WrongTalkerError" and problem["rule"] == "IM 20"
    assert role in problem["detail"] and problem["message_zh"] and problem["message_en"]
    assert service.client.get(f"/cases/{case_id}").json() == before
