"""Mistakes corrected, never erased, over HTTP: a mis-entered step corrected (before, after, who,
why) and checked again; what was decided changes only on appeal; a stuck case closed."""

from __future__ import annotations

from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import advance, post_step


def test_a_mis_entered_talk_date_is_corrected_beside_the_original(service: Service) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose", "decide", "talk"])

    corrected = service.client.post(f"/cases/{case_id}/corrections", json={
        "step": "talk", "changes": {"talk_date": "2026-05-26"}, "reason": "录入日期有误"})
    assert corrected.status_code == 200, corrected.text
    case = corrected.json()
    assert case["talk"]["talk_date"] == "2026-05-26"
    [correction] = case["corrections"]
    assert correction["before"] == {"talk_date": "2026-05-25"}
    assert correction["after"] == {"talk_date": "2026-05-26"} and correction["reason"] == "录入日期有误"
    assert correction["corrected_by"]  # the signed-in officer, never a name in the body

    # Checked again: a corrected date may not go before the decision (IM 15).
    backwards = service.client.post(f"/cases/{case_id}/corrections", json={
        "step": "talk", "changes": {"talk_date": "2026-05-19"}, "reason": "x"})
    assert backwards.status_code == 422 and backwards.json()["rule"] == "IM 15"
    # What the committee decided is changed by review or appeal, not by a correction (IM 22).
    decided = service.client.post(f"/cases/{case_id}/corrections", json={
        "step": "propose", "changes": {"method": "demotion"}, "reason": "x"})
    assert decided.status_code == 422 and decided.json()["rule"] == "IM 22"
    assert decided.json()["field"] == "changes.method"
    # The meeting record is the secretary's to correct, and a correction that breaks the quorum
    # is refused like the original would have been (CSR 30).
    quorum = service.client.post(f"/cases/{case_id}/decision/corrections", json={
        "step": "decide", "changes": {"present": 5, "votes_for": 4, "abstaining": 1},
        "reason": "到会人数录入有误"})
    assert quorum.status_code == 422 and quorum.json()["code"] == "QuorumNotMetError"
    assert len(service.client.get(f"/cases/{case_id}").json()["corrections"]) == 1


def test_a_stuck_case_is_closed_with_its_reason_and_takes_no_further_step(service: Service) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose"])
    closed = service.client.post(f"/cases/{case_id}/closure", json={
        "reason": "干部已调离本地区，无法继续", "closed_on": "2026-05-30"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["closed"]["reason"] == "干部已调离本地区，无法继续"
    assert closed.json()["next_step"] is None
    assert post_step(service.client, case_id, "decide").status_code == 409
    again = service.client.post(f"/cases/{case_id}/closure", json={"reason": "x", "closed_on": "2026-05-31"})
    assert again.status_code == 409
    assert service.client.get(f"/cases/{case_id}").json()["steps_done"] == ["verify_determine", "propose"]


def test_an_executed_case_is_not_closed(service: Service) -> None:
    case_id = service.open_case()
    advance(service.client, case_id, ["propose", "decide", "talk", "formalities"])
    refused = service.client.post(f"/cases/{case_id}/closure",
                                  json={"reason": "x", "closed_on": "2026-06-02"})
    assert refused.status_code == 409 and "IM 22" in refused.json()["detail"]
