"""CI smoke run of the benchmarks: `python -m bench --quick` must finish and report every workload.

It fails on errors only, never on timings: a slow machine is not a failing build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKLOADS = ("intake", "replay", "command API", "assessment season", "rebuild")


def test_quick_benchmark_runs_every_workload_and_writes_its_json() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--quick"], cwd=ROOT, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| figure | unit | median | min | max |" in done.stdout
    path = Path(done.stdout.strip().splitlines()[-1].removeprefix("JSON: "))
    result = json.loads(path.read_text())
    assert result["mode"] == "quick" and result["machine"]["cores"]
    names = [figure["name"] for figure in result["figures"]]
    for workload in WORKLOADS:
        assert any(name.startswith(workload) for name in names), (workload, names)
    for figure in result["figures"]:
        # A process idle during one run of a workload (a quiet relay) spends no CPU in it.
        idle_allowed = " CPU per " in figure["name"] and not figure["name"].endswith("all processes")
        assert len(figure["values"]) == 3, figure
        assert all(v >= 0 if idle_allowed else v > 0 for v in figure["values"]), figure
        if figure["baseline"]:
            assert figure["ratio_to_baseline"] is not None, figure
