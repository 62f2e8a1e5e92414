"""`cadre replay`, `cadre verify` and `cadre report` against a running system's data directory,
with nothing exported: the key and the ports come from the directory itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from shared.contract import events as contract
from shared.runner.scenario import Scenario, wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on

CADRE = contract.CadreRef(cadre_id="cli-01", name="郑一", unit_id="unit:bt-housing-bureau",
                          post="局长", rank="正处级", role="party_committee_head")


def cadre(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_", "POSTGRES_", "NATS_"))}
    return subprocess.run([sys.executable, "-m", "shared.runner.cli", *args,
                           "--data-dir", str(stack.data_dir)],
                          capture_output=True, text=True, env=env, timeout=60)


@pytest.fixture(scope="module")
def recorded(stack: Stack) -> Scenario:
    scenario = scenario_on(stack, CADRE)
    scenario.report("cli-sig-1")
    scenario.run_procedure(scenario.determine())
    scenario.wait_for_timeline_type("AdjustmentExecuted")
    return scenario


def test_replay_shows_the_record_as_of_and_as_known_at(stack: Stack, recorded: Scenario) -> None:
    whole = cadre(stack, "replay", "--cadre", CADRE.cadre_id)
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert "CircumstanceReported" in whole.stdout and "AdjustmentExecuted" in whole.stdout
    # The signal took effect on 2026-04-12 and the steps from June: as of May, only the report.
    before = cadre(stack, "replay", "--cadre", CADRE.cadre_id, "--as-of", "2026-05-01")
    assert "CircumstanceReported" in before.stdout and "AdjustmentExecuted" not in before.stdout
    nothing_known = cadre(stack, "replay", "--cadre", CADRE.cadre_id, "--as-known-at", "2026-01-01")
    assert nothing_known.stdout.startswith("0 entries")


def test_verify_and_report_and_a_refusal_is_a_message_not_a_traceback(
    stack: Stack, recorded: Scenario,
) -> None:
    verified = wait_for("a verified log", lambda: (
        result if (result := cadre(stack, "verify")).returncode == 0 else None), timeout=30)
    assert '"ok": true' in verified.stdout
    statistics = cadre(stack, "report", "statistics", "--year", "2026")
    assert statistics.returncode == 0 and '"adjusted"' in statistics.stdout
    refused = cadre(stack, "replay", "--cadre", CADRE.cadre_id, "--unit", "org:hohhot-municipal")
    assert refused.returncode == 1
    assert "403" in refused.stdout and "jurisdiction.subtree" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr
