"""SPEC §8 on the running adjustment service: every route against the hand-written access matrix,
and what a refusal does (recorded and published, the case untouched)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from shared.contract.envelope import STREAM_NAME
from tests.access import CADRE_ID, CADRE_UNIT, MANAGING, OTHER_CADRE, OTHER_UNIT, headers_for, run_matrix
from tests.adjustment.integration.access_probes import (
    APPEAL,
    CADRE,
    OFFICER,
    SECRETARY,
    World,
    decided_case,
    probes,
    world,
)
from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import proposal
from tests.helpers import read_subject

__all__ = ["world"]  # a fixture: imported so that pytest finds it here


def test_every_route_answers_every_role_as_the_matrix_says(service: Service, world: World) -> None:
    assert run_matrix(probes(service.client, world)) == []


def published_access(service: Service) -> list[dict[str, Any]]:
    messages = asyncio.run(read_subject(service.nats_url, STREAM_NAME, "cadre.adjustment.access_recorded.v1"))
    return [json.loads(message.data)["data"] for message in messages]


def wait_access(service: Service, principal: str) -> dict[str, Any]:
    deadline = time.monotonic() + 15
    while True:
        found = [r for r in published_access(service) if r["principal"] == principal]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no access record of {principal} was published"
        time.sleep(0.1)


def test_a_denial_is_recorded_and_published_with_its_rule(service: Service, world: World) -> None:
    outsider = headers_for("case_officer", OTHER_UNIT, subject="officer-denied-1")
    refused = service.client.get(f"/cases/{world.case_id}", headers=outsider)
    assert refused.status_code == 403 and refused.json()["rule"] == "jurisdiction.managing_unit"

    record = wait_access(service, "officer-denied-1")
    assert record["outcome"] == "denied" and record["rule"] == "jurisdiction.managing_unit"
    assert record["what"] == f"GET /cases/{world.case_id}" and record["action"] == "read_case"
    assert record["cadre_id"] == CADRE_ID and MANAGING in record["units"]


def test_a_supervisors_list_read_is_recorded_with_its_purpose(service: Service, world: World) -> None:
    supervisor = headers_for("supervisor", "org:inner-mongolia-region", subject="supervisor-reads-1",
                             purpose="巡察准备")
    listed = service.client.get("/cases", headers=supervisor)
    assert listed.status_code == 200 and world.case_id in {c["case_id"] for c in listed.json()}
    without_purpose = {"Authorization": supervisor["Authorization"]}
    assert service.client.get("/cases", headers=without_purpose).status_code == 400

    record = wait_access(service, "supervisor-reads-1")
    assert record["outcome"] == "allowed" and record["stated_purpose"] == "巡察准备"
    assert CADRE_ID in record["reason"]


def test_a_refused_step_leaves_the_case_as_it_was(service: Service) -> None:
    case_id = service.open_case(cadre_id=CADRE_ID, managing_unit=MANAGING, unit_id=CADRE_UNIT)
    before = service.client.get(f"/cases/{case_id}", headers=OFFICER).json()
    refusals = [
        (headers_for("case_officer", OTHER_UNIT), proposal(), "jurisdiction.managing_unit"),
        # A proposal the pack refuses (IM 24) is refused for access first: no rule of the case leaks.
        (headers_for("case_officer", OTHER_UNIT), proposal(method="lateral_move", nature="considerate"),
         "jurisdiction.managing_unit"),
        (SECRETARY, proposal(), "committee_secretary.records_decisions_only"),
        (CADRE, proposal(), "cadre.own_case_and_appeals_only"),
    ]
    for headers, body, rule in refusals:
        response = service.client.post(f"/cases/{case_id}/proposal", json=body, headers=headers)
        assert response.status_code == 403 and response.json()["rule"] == rule, response.text

    after = service.client.get(f"/cases/{case_id}", headers=OFFICER).json()
    assert after["version"] == before["version"] and after == before


def test_the_cadre_lodges_on_their_own_case_only(service: Service) -> None:
    own, others = decided_case(service), decided_case(service, cadre_id=OTHER_CADRE)

    lodged = service.client.post(f"/cases/{own}/appeals", json=APPEAL, headers=CADRE)
    assert lodged.status_code == 201 and lodged.json()["cadre_id"] == CADRE_ID
    refused = service.client.post(f"/cases/{others}/appeals", json=APPEAL, headers=CADRE)
    assert refused.status_code == 403 and refused.json()["rule"] == "cadre.own_case"
    assert service.client.get(f"/cases/{others}/appeals", headers=OFFICER).json() == []
    assert [a["appeal_id"] for a in service.client.get(f"/cases/{own}/appeals", headers=CADRE).json()] == [
        lodged.json()["appeal_id"]]
    # Reading is the cadre's own case only, too.
    assert service.client.get(f"/cases/{others}", headers=CADRE).status_code == 403


def test_the_case_list_shows_only_what_the_caller_may_read(service: Service, world: World) -> None:
    others = decided_case(service, cadre_id=OTHER_CADRE)

    def listed(headers: dict[str, str], **params: str) -> set[str]:
        response = service.client.get("/cases", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {c["case_id"] for c in response.json()}

    assert listed(headers_for("case_officer", OTHER_UNIT)) == set()
    assert {world.case_id, others} <= listed(OFFICER)
    mine = listed(CADRE)
    assert world.case_id in mine and others not in mine
    assert others not in listed(OFFICER, cadre_id=CADRE_ID)
    assert others in listed(OFFICER, next_step="talk")
    assert listed(CADRE, cadre_id=OTHER_CADRE) == set()


def test_comparable_cases_name_a_case_only_to_those_who_may_read_it(service: Service, world: World) -> None:
    def compared(headers: dict[str, str]) -> list[dict[str, Any]]:
        params = {"pack_id": "IM-2022", "article": "art. 6(8)"}
        response = service.client.get("/comparable-cases", params=params, headers=headers)
        assert response.status_code == 200, response.text
        cases: list[dict[str, Any]] = response.json()["cases"]
        return cases

    assert world.case_id in {c.get("case_id") for c in compared(OFFICER)}
    elsewhere = compared(headers_for("case_officer", OTHER_UNIT))
    assert elsewhere and all("case_id" not in c for c in elsewhere)
    assert all(set(c) <= {"method", "nature", "gravity", "decided_on", "pack_id", "circumstances"}
               for c in elsewhere)
    own_cases = {c["case_id"] for c in service.client.get("/cases", headers=CADRE).json()}
    named_to_the_cadre = {c["case_id"] for c in compared(CADRE) if "case_id" in c}
    assert world.case_id in named_to_the_cadre and named_to_the_cadre <= own_cases
