"""IM 22: a review or appeal never suspends execution; modified or revoked yields a correction."""

from __future__ import annotations

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step

APPEAL = {"kind": "appeal", "lodged_by": "张三", "lodged_on": "2026-05-21", "grounds": "认定事实有误"}


def test_an_appeal_between_decision_and_formalities_delays_nothing_and_its_revocation_corrects(
    service: Service,
) -> None:
    case_id = service.open_case(post="住建局局长", rank="正处级")
    advance(service.client, case_id, ["propose", "decide"])

    lodged = service.client.post(f"/cases/{case_id}/appeals", json=APPEAL)
    assert lodged.status_code == 201, lodged.text
    appeal_id = lodged.json()["appeal_id"]

    # The pending appeal changes nothing for the case: talk and formalities go ahead at once.
    assert post_step(service.client, case_id, "talk").status_code == 200
    executed_step = post_step(service.client, case_id, "formalities", effective_on="2026-06-01")
    assert executed_step.status_code == 200
    [executed] = service.wait_published("AdjustmentExecuted", case_id)
    assert executed["effective_on"] == "2026-06-01"
    assert executed["salary_formalities_due_on"] == "2026-07-01"
    [appeal_event] = service.wait_published("AppealLodged", case_id)
    assert appeal_event == {"appeal_id": appeal_id, "case_id": case_id, "kind": "appeal",
                            "lodged_on": "2026-05-21", "grounds": "认定事实有误"}

    revoked = service.client.post(f"/appeals/{appeal_id}/decision", json={
        "outcome": "revoked", "decided_on": "2026-08-10", "on_behalf_of": "市委", "reason": "证据不足",
    })
    assert revoked.status_code == 200, revoked.text

    [correction] = service.wait_published("AdjustmentCorrected", case_id)
    assert correction["appeal_id"] == appeal_id and correction["outcome"] == "revoked"
    assert correction["restored_post"] == "住建局局长" and correction["restored_rank"] == "正处级"
    assert correction["restored_pay"] and correction["reason"] == "证据不足"
    assert correction["effective_on"] == "2026-08-10"
    [decided] = service.wait_published("AppealDecided", case_id)
    assert decided["outcome"] == "revoked"
    # History is not rewritten: the case still shows the executed adjustment.
    case = service.client.get(f"/cases/{case_id}").json()
    assert case["formalities"]["effective_on"] == "2026-06-01"
    again = service.client.post(f"/appeals/{appeal_id}/decision", json={
        "outcome": "upheld", "decided_on": "2026-08-11", "on_behalf_of": "市委", "reason": "x",
    })
    assert again.status_code == 409


def test_an_appeal_needs_a_decision_to_be_lodged_against(service: Service) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose"])
    response = service.client.post(f"/cases/{case_id}/appeals", json=APPEAL)
    assert response.status_code == 409 and response.json()["code"] == "AppealRefusedError"


def test_an_upheld_review_corrects_nothing_and_a_modified_one_names_the_new_terms(
    service: Service,
) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose", "decide", "talk", "formalities"])
    review = service.client.post(f"/cases/{case_id}/appeals", json={**APPEAL, "kind": "review"}).json()
    appeal = service.client.post(f"/cases/{case_id}/appeals", json=APPEAL).json()
    upheld = service.client.post(f"/appeals/{review['appeal_id']}/decision", json={
        "outcome": "upheld", "decided_on": "2026-07-01", "on_behalf_of": "市委", "reason": "决定正确",
    })
    assert upheld.status_code == 200 and upheld.json()["correction"] is None
    modified = service.client.post(f"/appeals/{appeal['appeal_id']}/decision", json={
        "outcome": "modified", "decided_on": "2026-09-01", "on_behalf_of": "市委", "reason": "情节较轻",
        "new_method": "demotion", "restored_rank": "副处级",
    })
    assert modified.status_code == 200, modified.text
    [correction] = service.wait_published("AdjustmentCorrected", case_id)
    assert correction["outcome"] == "modified" and correction["new_method"] == "demotion"
    assert correction["appeal_id"] == appeal["appeal_id"]
    assert len(service.wait_published("AppealDecided", case_id, count=2)) == 2
