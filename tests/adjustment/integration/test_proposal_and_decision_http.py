"""Proposals checked against the jurisdiction's pack over HTTP (SPEC §5.2, IM 24, WY 13, WY 9(3)),
the decision's meeting record and dual-management consultation (IM 18), and comparable cases."""

from __future__ import annotations

import pytest

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

# pack, cited article, method, nature, expected HTTP status
PROPOSALS = [
    ("IM-2022", "art. 6(8)", "removal", "punitive", 200),
    ("IM-2022", "art. 6(8)", "lateral_move", "considerate", 422),  # IM 24: punitive called for
    ("IM-2022", "art. 6(9)", "transfer_to_rank_post", "considerate", 200),
    ("IM-2022", "art. 6(8)", "ordered_resignation", "punitive", 422),  # an LG-2020 method
    ("LG-2020", "art. 7(1)", "ordered_resignation", "punitive", 200),
    ("LG-2020", "art. 8(6)", "end_appointment", "considerate", 200),  # LG 8(6) fixed outcome
    ("LG-2020", "art. 8(6)", "move_from_post", "considerate", 422),
    ("WY-2019", "art. 13", "removal", "punitive", 200),  # WY 13: incompetent unit head
    ("WY-2019", "art. 13", "demotion", "punitive", 422),
    ("WY-2019", "art. 9(3)1", "change_to_non_leadership", "considerate", 200),  # bottom 10
    ("WY-2019", "art. 9(3)2", "change_to_non_leadership", "considerate", 422),  # bottom 3
    ("WY-2019", "art. 12(1)", "early_retirement", "considerate", 422),  # an IM-2022 method
]


@pytest.mark.parametrize(("pack_id", "article", "method", "nature", "status"), PROPOSALS)
def test_the_proposal_follows_the_jurisdictions_pack(
    service: Service, pack_id: str, article: str, method: str, nature: str, status: int
) -> None:
    case_id = service.open_case(pack_id=pack_id, articles=(article,), role="unit_staff")
    response = post_step(service.client, case_id, "propose", method=method, nature=nature)
    assert response.status_code == status, response.text
    view = service.client.get(f"/cases/{case_id}").json()
    assert view["steps_done"] == (["verify_determine", "propose"] if status == 200 else ["verify_determine"])
    if status == 422:
        assert response.json()["code"] == "ProposalRefusedError"


def test_a_decision_records_the_meetings_numbers(service: Service) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose"])
    no_vote = post_step(service.client, case_id, "decide", votes_for=None, votes_against=None)
    assert no_vote.status_code == 422
    assert {tuple(e["loc"]) for e in no_vote.json()["detail"]} == {("body", "votes_for"),
                                                                   ("body", "votes_against")}
    assert post_step(service.client, case_id, "decide").status_code == 200
    meeting = service.client.get(f"/cases/{case_id}").json()["decision"]["meeting"]
    assert meeting == {"members_expected": 11, "present": 9, "votes_for": 8, "votes_against": 0,
                       "abstaining": 1}


CONSULTATION = {"co_managing_unit": "org:province-dept", "consulted_person": "省厅干部处 王",
                "consulted_on": "2026-05-18", "opinion": "同意"}


def test_under_dual_management_the_co_managing_side_is_consulted_first(service: Service) -> None:
    case_id = service.open_case(co_managing_unit="org:province-dept")
    advance(service.client, case_id, ["propose"])
    refused = post_step(service.client, case_id, "decide")
    assert refused.status_code == 422 and refused.json()["rule"] == "IM 18"
    assert "org:province-dept" in refused.json()["detail"]
    late = post_step(service.client, case_id, "decide",
                     consultation={**CONSULTATION, "consulted_on": "2026-05-21"})
    assert late.status_code == 422 and late.json()["rule"] == "IM 18"
    # Consulted on the meeting's own day: still before the decision.
    same_day = post_step(service.client, case_id, "decide",
                         consultation={**CONSULTATION, "consulted_on": "2026-05-20"})
    assert same_day.status_code == 200, same_day.text
    consultation = service.client.get(f"/cases/{case_id}").json()["decision"]["consultation"]
    assert consultation["consulted_person"] == "省厅干部处 王" and consultation["opinion"] == "同意"


def test_comparable_cases_show_the_methods_of_earlier_decided_cases(service: Service) -> None:
    article = "art. 6(5)"
    earlier = [("removal", "serious"), ("demotion", "serious"), ("removal", "serious"),
               ("demotion", "minor")]
    for method, gravity in earlier:
        case_id = service.open_case(articles=(article,), role="unit_staff")
        assert post_step(service.client, case_id, "propose", method=method,
                         gravity=gravity).status_code == 200
        assert post_step(service.client, case_id, "decide").status_code == 200
    undecided = service.open_case(articles=(article,), role="unit_staff")
    assert post_step(service.client, undecided, "propose", gravity="serious").status_code == 200
    draft = service.open_case(articles=(article,), role="unit_staff")

    response = service.client.get(f"/cases/{draft}/comparable-cases", params={"gravity": "serious"})

    assert response.status_code == 200
    [comparison] = response.json()
    assert comparison["article"] == article
    assert comparison["methods"] == {"removal": 2, "demotion": 1}
    assert len(comparison["cases"]) == 3 and undecided not in {c["case_id"] for c in comparison["cases"]}
    everything = service.client.get("/comparable-cases", params={"pack_id": "IM-2022", "article": article})
    assert everything.json()["methods"] == {"removal": 2, "demotion": 2}
