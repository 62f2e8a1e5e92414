"""Each step's facts over HTTP, at the boundary and just past it: dates along the five steps
(IM 15), the meeting's quorum and majority (CSR 30: two thirds present, more than half of the
members who should attend in favour) and the heaviest of several fixed outcomes (WY 9(3)).
Every refusal is a 422 naming its rule, in Chinese and English, and leaves the case unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

# The case opens with its determination on 2026-05-06; the default bodies date the proposal
# 2026-05-12, the meeting 2026-05-20, the talk 2026-05-25 and the formalities 2026-06-01.
# (step, the steps before it, its date field, the earlier step's date: same day, the day before)
DATES = [
    ("propose", [], "proposed_on", "2026-05-06", "2026-05-05"),
    ("decide", ["propose"], "meeting_date", "2026-05-12", "2026-05-11"),
    ("talk", ["propose", "decide"], "talk_date", "2026-05-20", "2026-05-19"),
    ("formalities", ["propose", "decide", "talk"], "effective_on", "2026-05-25", "2026-05-24"),
]


def refused(response: Any, rule: str, code: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    problem: dict[str, Any] = response.json()
    assert problem["rule"] == rule and problem["code"] == code
    assert problem["message_zh"] and problem["message_en"]
    return problem


@pytest.mark.parametrize(("step", "before", "field", "same_day", "day_before"), DATES)
def test_a_step_may_share_the_previous_steps_date_but_not_precede_it(
    service: Service, step: str, before: list[str], field: str, same_day: str, day_before: str
) -> None:
    early, on_the_day = service.open_case(), service.open_case()
    for case_id in (early, on_the_day):
        advance(service.client, case_id, before)
    view = service.client.get(f"/cases/{early}").json()

    problem = refused(post_step(service.client, early, step, **{field: day_before}),
                      "IM 15", "StepDateError")
    assert problem["field"] == field and day_before in problem["message_en"]
    assert service.client.get(f"/cases/{early}").json() == view

    accepted = post_step(service.client, on_the_day, step, **{field: same_day})
    assert accepted.status_code == 200, accepted.text


# (members who should attend, present, for, against, abstaining, expected code or None)
MEETINGS = [
    (9, 6, 5, 1, 0, None),  # exactly two thirds present: quorate
    (9, 5, 5, 0, 0, "QuorumNotMetError"),  # just under two thirds
    (10, 10, 5, 5, 0, "MajorityNotReachedError"),  # exactly half in favour: not more than half
    (10, 10, 6, 4, 0, None),  # just over half
    (11, 8, 6, 1, 0, "MeetingRecordIncompleteError"),  # votes do not add up to those present
    (9, 10, 9, 1, 0, "MeetingRecordIncompleteError"),  # more present than should attend
    (12, 8, 7, 1, 0, None),  # eight of twelve is exactly two thirds; seven of twelve carry it
]


@pytest.mark.parametrize(("expected", "present", "votes_for", "against", "abstaining", "code"),
                         MEETINGS)
def test_the_meeting_must_be_quorate_and_carry_the_decision(
    service: Service, expected: int, present: int, votes_for: int, against: int, abstaining: int,
    code: str | None,
) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose"])
    response = post_step(service.client, case_id, "decide", members_expected=expected,
                         present=present, votes_for=votes_for, votes_against=against,
                         abstaining=abstaining)
    if code is None:
        assert response.status_code == 200, response.text
        record = response.json()["decision"]["meeting"]
        assert (record["members_expected"], record["present"], record["votes_for"]) == (
            expected, present, votes_for)
    else:
        refused(response, "CSR 30", code)
        assert service.client.get(f"/cases/{case_id}").json()["steps_done"] == [
            "verify_determine", "propose"]


def test_half_of_the_members_in_favour_is_not_enough_even_when_all_present_agree(
    service: Service,
) -> None:
    """The majority counts the members who should attend, not those present (CSR 30)."""
    case_id = service.open_case()
    advance(service.client, case_id, ["propose"])
    refused(post_step(service.client, case_id, "decide", members_expected=12, present=8,
                      votes_for=6, votes_against=0, abstaining=2), "CSR 30", "MajorityNotReachedError")


def test_of_two_fixed_outcomes_cited_together_the_heavier_governs(service: Service) -> None:
    """WY 9(3): bottom ten four times fixes a non-leadership post (9(3)1), bottom three four times
    fixes demotion or removal (9(3)2); cited together, the lighter is refused."""
    case_id = service.open_case(pack_id="WY-2019", articles=("art. 9(3)1", "art. 9(3)2"),
                                role="unit_staff")
    lighter = post_step(service.client, case_id, "propose", method="change_to_non_leadership",
                        nature="considerate")
    problem = refused(lighter, "WY 9(3)2", "ProposalRefusedError")
    assert problem["field"] == "method" and "heaviest" in problem["message_en"]
    assert service.client.get(f"/cases/{case_id}").json()["steps_done"] == ["verify_determine"]

    heavier = post_step(service.client, case_id, "propose", method="demotion", nature="punitive")
    assert heavier.status_code == 200, heavier.text
    assert heavier.json()["proposal"]["method"] == "demotion"


def test_either_fixed_outcome_alone_allows_its_own_method(service: Service) -> None:
    lighter_only = service.open_case(pack_id="WY-2019", articles=("art. 9(3)1",), role="unit_staff")
    assert post_step(service.client, lighter_only, "propose", method="change_to_non_leadership",
                     nature="considerate").status_code == 200
    heavier_only = service.open_case(pack_id="WY-2019", articles=("art. 9(3)2",), role="unit_staff")
    refused(post_step(service.client, heavier_only, "propose", method="change_to_non_leadership",
                      nature="considerate"), "WY 9(3)2", "ProposalRefusedError")


def test_comparable_cases_match_equivalent_items_across_packs_and_leave_out_revoked_ones(
    service: Service,
) -> None:
    """IM 24: IM 6(14), LG 8(4) and WY 8(4) are one circumstance by the packs' declared
    equivalence; a decision revoked on appeal is no precedent."""
    decided = {}
    for pack_id, article, method in (("IM-2022", "art. 6(14)", "removal"),
                                     ("LG-2020", "art. 8(4)", "demotion"),
                                     ("WY-2019", "art. 8(4)", "removal")):
        case_id = service.open_case(pack_id=pack_id, articles=(article,), role="unit_staff")
        assert post_step(service.client, case_id, "propose", method=method,
                         gravity="serious").status_code == 200
        assert post_step(service.client, case_id, "decide").status_code == 200
        decided[pack_id] = case_id
    revoked = service.open_case(pack_id="LG-2020", articles=("art. 8(4)",), role="unit_staff")
    assert post_step(service.client, revoked, "propose", method="removal",
                     gravity="serious").status_code == 200
    assert post_step(service.client, revoked, "decide").status_code == 200
    appeal = service.client.post(f"/cases/{revoked}/appeals", json={
        "kind": "appeal", "lodged_by": "张三", "lodged_on": "2026-05-21", "grounds": "认定事实有误"})
    assert appeal.status_code == 201, appeal.text
    assert service.client.post(f"/appeals/{appeal.json()['appeal_id']}/decision", json={
        "outcome": "revoked", "decided_on": "2026-06-10", "on_behalf_of": "市委",
        "reason": "证据不足"}).status_code == 200
    draft = service.open_case(pack_id="IM-2022", articles=("art. 6(14)",), role="unit_staff")

    [comparison] = service.client.get(f"/cases/{draft}/comparable-cases",
                                      params={"gravity": "serious"}).json()

    found = {c["case_id"] for c in comparison["cases"]}
    assert set(decided.values()) <= found and revoked not in found and draft not in found
