"""The adjustment service's routes as access probes, and the records they are probed on.

A case about `CADRE_ID` managed by `MANAGING` (decided, so appeals can be lodged), an appeal the
cadre lodged on it, and a post quota ledger of a unit beneath `MANAGING` (tests/access.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.access import CADRE_ID, CADRE_UNIT, MANAGING, Probe, headers_for
from tests.adjustment.integration.conftest import Service
from tests.adjustment.integration.step_bodies import decision, formalities, proposal, talk

RANK = "一级调研员"
APPEAL = {"kind": "appeal", "lodged_by": "张三", "lodged_on": "2026-05-21", "grounds": "认定事实有误"}
OFFICER = headers_for("case_officer", MANAGING)
SECRETARY = headers_for("committee_secretary", MANAGING)
CADRE = headers_for("cadre", CADRE_UNIT, CADRE_ID)


@dataclass
class World:
    case_id: str
    appeal_id: str
    quota: str  # the path of a ledger kept for a unit under MANAGING


def decided_case(service: Service, cadre_id: str = CADRE_ID) -> str:
    case_id = service.open_case(cadre_id=cadre_id, managing_unit=MANAGING, unit_id=CADRE_UNIT)
    for route, body, headers in (("proposal", proposal(), OFFICER), ("decision", decision(), SECRETARY)):
        response = service.client.post(f"/cases/{case_id}/{route}", json=body, headers=headers)
        assert response.status_code == 200, response.text
    return case_id


@pytest.fixture(scope="module")
def world(service: Service) -> World:
    case_id = decided_case(service)
    appeal = service.client.post(f"/cases/{case_id}/appeals", json=APPEAL, headers=CADRE)
    assert appeal.status_code == 201, appeal.text
    quota = f"/quotas/{CADRE_UNIT}/{RANK}"
    ledger = service.client.put(quota, json={"quota": 3, "occupied": 2, "on_behalf_of": "编办",
                                             "set_on": "2026-01-01"}, headers=OFFICER)
    assert ledger.status_code == 200, ledger.text
    return World(case_id, appeal.json()["appeal_id"], quota)


def probes(client: Any, world: World) -> list[Probe]:
    case, appeal = f"/cases/{world.case_id}", f"/appeals/{world.appeal_id}"

    def get(path: str, **params: str) -> Any:
        return lambda headers: client.get(path, params=params, headers=headers)

    def post(path: str, body: dict[str, Any]) -> Any:
        return lambda headers: client.post(path, json=body, headers=headers)

    def lists_the_case(response: httpx.Response) -> bool:
        return any(c["case_id"] == world.case_id for c in response.json())

    release = {"released_on": "2026-06-01", "on_behalf_of": "编办", "reason": "退休"}
    return [
        Probe("read_case", "case", get(case)),
        Probe("read_case", "comparable cases of the case", get(f"{case}/comparable-cases")),
        Probe("read_case", "appeals of the case", get(f"{case}/appeals")),
        Probe("read_case", "appeal", get(appeal)),
        Probe("read_case", "case list", get("/cases"), lists_the_case),
        Probe("read_case", "case list by cadre", get("/cases", cadre_id=CADRE_ID), lists_the_case),
        Probe("read_case", "appeal list", get("/appeals"),
              lambda r: any(a["appeal_id"] == world.appeal_id for a in r.json())),
        Probe("act_on_case", "proposal", post(f"{case}/proposal", proposal())),
        Probe("act_on_case", "talk", post(f"{case}/talk", talk())),
        Probe("act_on_case", "formalities", post(f"{case}/formalities", formalities())),
        Probe("act_on_case", "salary formalities", post(f"{case}/salary-formalities", {
            "completed_on": "2026-06-20", "on_behalf_of": "人事科"})),
        Probe("decide", "decision", post(f"{case}/decision", decision())),
        Probe("decide", "appeal decision", post(f"{appeal}/decision", {
            "outcome": "upheld", "decided_on": "2026-07-01", "on_behalf_of": "市委", "reason": "决定正确"})),
        Probe("lodge", "appeal", post(f"{case}/appeals", APPEAL)),
        Probe("manage_quota", "set quota", lambda headers: client.put(world.quota, json={
            "quota": 3, "on_behalf_of": "编办", "set_on": "2026-02-01"}, headers=headers)),
        Probe("manage_quota", "release a post", post(f"{world.quota}/releases", release)),
        Probe("read_quota", "quota", get(world.quota)),
        Probe("read_reference", "comparable cases by circumstance",
              get("/comparable-cases", pack_id="IM-2022", article="art. 6(8)")),
        Probe("read_reference", "clock", get("/clock")),
        Probe("configure", "advance the clock", post("/clock/advance", {"days": 0})),
    ]
