"""The cadre register follows the lifecycle across the four processes: the adjustment executed
moves the cadre to the decided post and level and both units' quota ledgers follow; the promotion
check judges against the level the register records; a revocation on appeal restores it all."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from shared.contract import events as contract
from shared.runner import principals
from shared.runner.demo_register import load_register
from shared.runner.scenario import Scenario, wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on

FORMER_UNIT, DEST_UNIT = "unit:bt-finance-bureau", "unit:bt-policy-research-office"
CADRE = contract.CadreRef(cadre_id="cadre-e2e-reg", name="刘洋", unit_id=FORMER_UNIT,
                          post="局长", rank="正处级", role="party_committee_head")


HEADER = ["干部编号", "姓名", "性别", "现任职务", "任职单位", "职级", "职务层次", "管理单位",
          "所属地区", "政策包", "角色", "任职日期"]


def register_file(managing_unit: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow([CADRE.cadre_id, CADRE.name, "男", "局长", FORMER_UNIT, "正处级", "县处级正职",
                     managing_unit, managing_unit, "IM-2022", "党委（党组）主要负责人", "2023-03-01"])
    return out.getvalue().encode()


def register(scenario: Scenario) -> dict[str, Any]:
    with scenario.http("identification") as client:
        response = client.get(f"/register/cadres/{CADRE.cadre_id}")
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


def occupied(scenario: Scenario, unit: str, rank: str) -> int:
    with scenario.http("adjustment") as client:
        return int(client.get(f"/quotas/{unit}/{rank}").json()["occupied"])


def test_execution_moves_the_cadre_and_the_quotas_and_a_revocation_restores_them(stack: Stack) -> None:
    scenario = scenario_on(stack, CADRE)
    with scenario.http("identification") as client:
        imported = client.post("/register/imports", params={"filename": "名册.csv"},
                               content=register_file(scenario.managing_unit),
                               headers={"content-type": "text/csv"})
        assert imported.status_code == 200, imported.text
    with scenario.http("adjustment") as client:
        for unit, rank, quota, filled in ((FORMER_UNIT, "正处级", 3, 3), (DEST_UNIT, "副处级", 2, 0)):
            client.put(f"/quotas/{unit}/{rank}", json={
                "quota": quota, "occupied": filled, "on_behalf_of": "市委编办", "set_on": "2026-01-05",
            }).raise_for_status()

    scenario.report(signal_id="e2e-reg-1")
    concern_id = scenario.determine()
    case_id = scenario.case_id(concern_id)
    scenario.wait_for_case(case_id)
    for step, body in scenario.procedure_steps(date(2026, 6, 1)):
        if step == "proposal":
            body = {**body, "destination_post": "市政策研究室副主任", "new_rank": "副处级",
                    "new_level": "县处级副职", "destination_unit_id": DEST_UNIT, "method": "demotion"}
            # The case's authority is the register's: another unit's officer cannot propose.
            with scenario.http("adjustment", principals.case_officer("org:hohhot-municipal")) as client:
                refused = client.post(f"/cases/{case_id}/proposal", json=body)
                assert refused.status_code == 403
                assert refused.json()["rule"] == "jurisdiction.managing_unit"
                assert client.get(f"/cases/{case_id}").status_code == 403
            with scenario.http("adjustment") as client:
                assert client.get(f"/cases/{case_id}").json()["proposal"] is None
        scenario.record_step(case_id, step, body)

    moved = wait_for("the register to move the cadre",
                     lambda: (r := register(scenario))["post"]["post"] == "市政策研究室副主任" and r)
    assert moved["post"] == {"post": "市政策研究室副主任", "unit_id": DEST_UNIT, "rank": "副处级",
                             "level": "县处级副职", "role": "party_committee_head"}
    assert moved["state"] == "adjusted"
    with scenario.http("identification") as client:
        before = client.get(f"/register/cadres/{CADRE.cadre_id}", params={"on": "2026-05-31"}).json()
    assert before["post_on"]["post"]["post"] == "局长"
    assert occupied(scenario, FORMER_UNIT, "正处级") == 2
    assert occupied(scenario, DEST_UNIT, "副处级") == 1

    wait_for("the plan", scenario.plans)
    with scenario.http("followup") as client:
        check = wait_for("the register's level in follow-up", lambda: (c := client.get(
            "/promotion-check", params={"cadre_id": CADRE.cadre_id, "on": "2026-07-01"}).json())
            and any("副处级" in r for r in c["reasons"]) and c)
    assert "current level 副处级, as the cadre register records it" in check["reasons"]

    with scenario.http("adjustment", principals.cadre_self(CADRE)) as client:
        appeal = client.post(f"/cases/{case_id}/appeals", json={
            "kind": "appeal", "lodged_by": CADRE.name, "lodged_on": "2026-06-05", "grounds": "事实不清"})
        assert appeal.status_code == 201, appeal.text
    with scenario.http("adjustment", scenario.secretary()) as client:
        client.post(f"/appeals/{appeal.json()['appeal_id']}/decision", json={
            "outcome": "revoked", "decided_on": "2026-07-10", "on_behalf_of": "市委",
            "reason": "认定事实不清，撤销调整决定"}).raise_for_status()
    restored = wait_for("the register to restore the post",
                        lambda: (r := register(scenario))["post"]["post"] == "局长" and r)
    assert restored["post"]["unit_id"] == FORMER_UNIT and restored["post"]["rank"] == "正处级"
    assert restored["post"]["level"] == "县处级正职" and restored["state"] == "in_post"
    reasons = [p["reason"].split(":")[0] for p in restored["posts"]]
    assert reasons == ["registered", "adjustment", "correction"]
    assert occupied(scenario, FORMER_UNIT, "正处级") == 3
    assert occupied(scenario, DEST_UNIT, "副处级") == 0


def test_the_register_import_command_applies_all_rows_or_none(stack: Stack, tmp_path: Path) -> None:
    token = stack.issuer.token(principals.case_officer())
    rows = [["cli-001", "高峰", "男", "副局长", FORMER_UNIT, "副处级", "县处级副职", principals.MANAGING_UNIT,
             principals.MANAGING_UNIT, "IM-2022", "一般干部", "2024-01-01"],
            ["cli-002", "孙丽", "女", "科长", FORMER_UNIT, "正科级", "乡科级正职", "",
             principals.MANAGING_UNIT, "IM-2022", "一般干部", "2024-01-01"]]

    def run(rows: list[list[str]]) -> subprocess.CompletedProcess[str]:
        path = tmp_path / "名册.csv"
        out = io.StringIO()
        csv.writer(out).writerows([HEADER, *rows])
        path.write_text(out.getvalue(), encoding="utf-8")
        return subprocess.run(
            [sys.executable, "-m", "shared.runner.cli", "register", "import", str(path),
             "--url", stack.urls["identification"], "--token", token],
            capture_output=True, text=True, timeout=60, check=False)

    refused = run(rows)
    assert refused.returncode == 1 and "row 3 column 管理单位" in refused.stderr, refused.stderr
    rows[1][7] = principals.MANAGING_UNIT
    applied = run(rows)
    assert applied.returncode == 0 and "2 registered" in applied.stdout, applied.stderr
    again = run(rows)
    assert again.returncode == 0 and "0 registered, 0 changed, 2 unchanged" in again.stdout


def test_the_demo_register_loads_its_dozens_of_cadres_once(stack: Stack) -> None:
    assert load_register(stack.urls["identification"], stack.issuer) == 35
    assert load_register(stack.urls["identification"], stack.issuer) == 35  # again: nothing new
    scenario = scenario_on(stack, CADRE)
    with scenario.http("identification") as client:
        found = client.get("/register/cadres", params={"q": "wjg"}).json()
        assert [c["cadre_id"] for c in found["items"]] == ["cadre-bt-0001"]
        versions = client.get("/register/cadres/cadre-bt-0001").json()["version"]
        assert versions == 1
        bureau = client.get("/register/cadres", params={"unit": "unit:bt-kundulun-district"}).json()
        assert bureau["total"] == 5
        # Hohhot's cadres are Hohhot's to read: the Baotou officer does not see them.
        hohhot = client.get("/register/cadres", params={"unit": "unit:hh-xincheng-district"}).json()
        assert hohhot["total"] == 0
