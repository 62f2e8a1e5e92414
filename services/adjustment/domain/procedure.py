"""The five-step procedure: fixed order, none skipped, merged or reversed (IM 15; WY 15)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.adjustment.domain.errors import StepOutOfOrderError

STEPS = ("verify_determine", "propose", "decide", "talk", "formalities")

DEFAULT_STEP_NAMES = {
    "verify_determine": "核实认定",
    "propose": "提出建议",
    "decide": "组织决定",
    "talk": "谈话",
    "formalities": "履行任免程序",
}


def require_next_step(
    done: Sequence[str], attempted: str, names: Mapping[str, str] | None = None
) -> None:
    """Raise unless `attempted` is exactly the next step after those done.

    `names` are the jurisdiction's labels for the steps (a pack may rename them, WY 15); the
    error names the missing step by key and by that label.
    """
    labels = {**DEFAULT_STEP_NAMES, **(names or {})}
    if attempted not in STEPS:
        raise StepOutOfOrderError(f"unknown step {attempted!r}")
    if attempted in done:
        raise StepOutOfOrderError(
            f"step {attempted!r} ({labels[attempted]}) is already recorded (IM 15: no repeats)"
        )
    expected = next_step(done)
    if attempted != expected:
        missing = [step for step in STEPS[: STEPS.index(attempted)] if step not in done][0]
        raise StepOutOfOrderError(
            f"step {attempted!r} needs {missing!r} first ({labels[missing]}; "
            "IM 15: steps are not skipped, merged or reversed)",
            missing_step=missing,
        )


def next_step(done: Sequence[str]) -> str | None:
    return STEPS[len(done)] if len(done) < len(STEPS) else None
