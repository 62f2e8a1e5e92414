"""The published `AdjustmentExecuted` names the case's authority, so follow-up acts within it (SPEC §8)."""

from __future__ import annotations

from tests.adjustment.integration.conftest import CITY, Service
from tests.adjustment.integration.step_bodies import advance, post_step

CONSULTATION = {"co_managing_unit": "org:province-dept", "consulted_person": "省厅干部处 王",
                "consulted_on": "2026-05-18", "opinion": "同意"}


def test_the_published_execution_carries_the_cases_authority(service: Service) -> None:
    case_id = service.open_case(co_managing_unit="org:province-dept")
    advance(service.client, case_id, ["propose"])
    assert post_step(service.client, case_id, "decide", consultation=CONSULTATION).status_code == 200
    advance(service.client, case_id, ["talk", "formalities"])

    [executed] = service.wait_published("AdjustmentExecuted", case_id)
    assert executed["authority"] == {"managing_unit": CITY, "co_managing_unit": "org:province-dept",
                                     "pack_id": "IM-2022"}
