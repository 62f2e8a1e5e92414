"""Figures of one benchmark run: median, min and max over the runs, the ratio to the raw baseline
measured in the same run, the goal, and the table and JSON they are reported as."""

from __future__ import annotations

import json
import os
import platform
import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS_DIR = Path(__file__).parent / "results"


@dataclass
class Figure:
    """One measured quantity over the runs, e.g. intake signals/s."""

    name: str
    unit: str
    values: list[float]
    higher_is_better: bool = True
    goal: float | None = None
    baseline: str | None = None  # the name of the baseline Figure it is compared with
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def met(self) -> bool | None:
        if self.goal is None or not self.values:
            return None
        return self.median >= self.goal if self.higher_is_better else self.median <= self.goal


@dataclass
class Report:
    mode: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def find(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)

    def ratio(self, figure: Figure) -> float | None:
        """The figure over its baseline; for times (lower is better) the baseline over the figure,
        so a ratio below 1 always means slower than the raw infrastructure."""
        base = self.find(figure.baseline) if figure.baseline else None
        if base is None or not base.values or not figure.values or not figure.median:
            return None
        if figure.higher_is_better:
            return figure.median / base.median
        return base.median / figure.median


def _num(value: float) -> str:
    if value != value:  # NaN
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(report: Report) -> str:
    header = ["figure", "unit", "median", "min", "max", "vs raw baseline", "goal", "met"]
    rows = [header, ["---"] * len(header)]
    for figure in report.figures:
        values = figure.values or [float("nan")]
        ratio = report.ratio(figure)
        if ratio is not None:
            versus = f"{ratio:.3f} × {figure.baseline}"
        else:
            versus = "(raw baseline)" if figure.name.startswith("raw ") else ""
        goal = "" if figure.goal is None else ("≥ " if figure.higher_is_better else "≤ ") + _num(
            figure.goal)
        met = {None: "", True: "yes", False: "NO"}[figure.met()]
        rows.append([
            figure.name, figure.unit, _num(figure.median), _num(min(values)), _num(max(values)),
            versus, goal, met,
        ])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def machine() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_json(report: Report) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"bench-{report.mode}-{stamp}.json"
    body = {
        "mode": report.mode,
        "started": report.started,
        "machine": machine(),
        "figures": [
            {**asdict(f), "median": f.median, "ratio_to_baseline": report.ratio(f), "met": f.met()}
            for f in report.figures
        ],
        "notes": report.notes,
    }
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False))
    return path
