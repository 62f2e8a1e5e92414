"""A new jurisdiction loaded into the running system and used end to end, with no restart: an
operator uploads and activates a test pack (`tests/fixtures/packs/TJ-2026.v1.json`, its own talker
table `TJ 20` and fault-tolerance clocks `TJ-FT 5`) with `cadre pack`, and every service, each
its own process, takes it from the published activation.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from shared.contract import events as contract
from shared.runner import principals
from shared.runner.cli import main as cadre
from shared.runner.procedure import procedure_steps
from shared.runner.scenario import wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on

PACK = Path(__file__).parents[1] / "fixtures" / "packs" / "TJ-2026.v1.json"
CADRE = contract.CadreRef(cadre_id="cadre-e2e-tj", name="吴涛", unit_id="unit:e2e-tj", post="局长",
                          rank="正处级", role="party_committee_head")
CITATION = {"pack_id": "TJ-2026", "article": "art. 6(8)"}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        cadre(list(args))
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out + out.err


def test_a_new_jurisdictions_pack_is_loaded_and_used_without_a_restart(
    stack: Stack, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = scenario_on(stack, CADRE)
    pids = {name: service.process.pid for name, service in stack.services.items()
            if service.process is not None}
    token = stack.issuer.token(principals.administrator(), 600)
    where = ["--url", stack.urls["identification"], "--token", token]

    # Before the pack is loaded a signal may cite it, but no determination can rest on it.
    with scenario.http("identification") as identification:
        signal = identification.post("/signals", json={
            "signal_id": "tj-1", "channel": "daily_understanding", "reporter": "干部监督科",
            "cadre": CADRE.model_dump(), "managing_unit": scenario.managing_unit,
            "citation": CITATION, "summary": "工作拖延", "reported_at": "2026-03-01T09:00:00+08:00"})
        assert signal.status_code == 201, signal.text
        concern_id = signal.json()["concern_id"]
    determination = {"outcome": "unsuitable", "circumstances": [CITATION], "evidence_refs": ["tj-report"],
                     "on_behalf_of": "市委组织部", "determined_on": "2026-05-06"}
    with scenario.http("identification", scenario.secretary()) as identification:
        early = identification.post(f"/concerns/{concern_id}/determination", json=determination)
        assert early.status_code == 422 and early.json()["rule"] == "IM 16", early.text
        assert "TJ-2026" in early.json()["message_zh"]

    broken = json.loads(PACK.read_text(encoding="utf-8"))
    del broken["talk"]["citation"]
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    status, said = run_cli(capsys, "pack", "validate", str(bad), *where)
    assert status == 1 and "citation" in said
    status, said = run_cli(capsys, "pack", "validate", str(PACK), *where)
    assert status == 0 and '"pack_id": "TJ-2026"' in said
    status, said = run_cli(capsys, "pack", "upload", str(PACK), "--effective-from", "2026-01-01", *where)
    assert status == 0 and "TJ-2026 v1" in said, said

    with scenario.http("identification") as identification:
        listed = {p["pack_id"]: p for p in identification.get("/reference/packs").json()}
        assert listed["TJ-2026"]["in_force_today"] is True
        # The new pack's own fault-tolerance clocks (TJ-FT 5), not another jurisdiction's.
        application = identification.post("/fault-tolerance/applications", json={
            "cadre": CADRE.model_dump(), "managing_unit": scenario.managing_unit,
            "matter_ref": "tj-matter", "grounds": "TJ-FT 3: 改革探索中的失误",
            "citation": CITATION, "accountability_started_on": "2026-02-20",
            "applied_on": "2026-02-27"})
        assert application.status_code == 201, application.text
        accepted = identification.post(
            f"/fault-tolerance/applications/{application.json()['application_id']}/acceptance",
            json={"on_behalf_of": "区纪工委", "on": "2026-03-02"})
        assert accepted.status_code == 200, accepted.text
        clock = accepted.json()["clocks"]["investigation_report"]
        assert clock == {**clock, "due_on": "2026-03-16", "citation": "TJ-FT 5(1)"}  # 10 working days
    with scenario.http("identification", scenario.secretary()) as identification:
        determined = identification.post(f"/concerns/{concern_id}/determination", json=determination)
        assert determined.status_code == 200, determined.text

    # Adjustment heard of the pack from the published activation and holds the case to it.
    case_id = scenario.case_id(concern_id)
    scenario.wait_for_case(case_id)
    steps = dict(procedure_steps(date(2026, 6, 1)))
    for step in ("proposal", "decision"):
        scenario.record_step(case_id, step, {**steps[step], "reason": "TJ-2026 art. 6(8)"}
                             if step == "proposal" else steps[step])
    with scenario.http("adjustment") as adjustment:
        case = adjustment.get(f"/cases/{case_id}").json()
        assert case["authority"]["pack_id"] == "TJ-2026" and case["pack_version"] == 1
        wrong = adjustment.post(f"/cases/{case_id}/talk", json=steps["talk"])  # IM 20's talker
        assert wrong.status_code == 422 and wrong.json()["rule"] == "TJ 20", wrong.text
        right = adjustment.post(f"/cases/{case_id}/talk", json={
            **steps["talk"], "talker": "上一级纪委书记 钱明",
            "talker_position": "upper_discipline_secretary"})
        assert right.status_code == 200, right.text
    scenario.record_step(case_id, "formalities", steps["formalities"])

    plan = wait_for("the follow-up plan", scenario.plans)[0]
    assert plan["case_id"] == case_id and plan["citation"].startswith("TJ ")
    # The same processes did it all: nothing was restarted to take the pack.
    assert {name: service.process.pid for name, service in stack.services.items()
            if service.process is not None} == pids
