"""The five-step procedure: fixed order, none skipped, merged or reversed (IM 15; WY 15)."""

from __future__ import annotations

from collections.abc import Sequence

from services.adjustment.domain.errors import StepOutOfOrderError

STEPS = ("verify_determine", "propose", "decide", "talk", "formalities")

DEFAULT_STEP_NAMES = {
    "verify_determine": "核实认定",
    "propose": "提出建议",
    "decide": "组织决定",
    "talk": "谈话",
    "formalities": "履行任免程序",
}


def require_next_step(done: Sequence[str], attempted: str) -> None:
    """Raise unless `attempted` is exactly the next step after those done."""
    if attempted not in STEPS:
        raise StepOutOfOrderError(f"unknown step {attempted!r}")
    if attempted in done:
        raise StepOutOfOrderError(f"step {attempted!r} is already recorded (IM 15: no repeats)")
    expected = STEPS[len(done)] if len(done) < len(STEPS) else None
    if attempted != expected:
        missing = [step for step in STEPS[: STEPS.index(attempted)] if step not in done]
        raise StepOutOfOrderError(
            f"step {attempted!r} needs {missing[0]!r} first "
            "(IM 15: steps are not skipped, merged or reversed)"
        )


def next_step(done: Sequence[str]) -> str | None:
    return STEPS[len(done)] if len(done) < len(STEPS) else None
