from __future__ import annotations

import itertools

import pytest

from services.adjustment.domain.errors import StepOutOfOrderError
from services.adjustment.domain.procedure import STEPS, next_step, require_next_step


def test_the_steps_are_accepted_in_order() -> None:
    done: list[str] = []
    for step in STEPS:
        require_next_step(done, step)
        done.append(step)
    assert next_step(done) is None


@pytest.mark.parametrize(("done_count", "attempted"), [
    (n, step) for n, step in itertools.product(range(len(STEPS) + 1), STEPS)
    if STEPS.index(step) != n
])
def test_any_other_step_is_refused_naming_what_is_missing(done_count: int, attempted: str) -> None:
    done = list(STEPS[:done_count])
    with pytest.raises(StepOutOfOrderError) as error:
        require_next_step(done, attempted)
    if attempted in done:
        assert "already recorded" in str(error.value)
    else:
        assert f"needs {STEPS[done_count]!r} first" in str(error.value)


def test_the_refusal_names_the_missing_step_by_the_jurisdictions_name() -> None:
    with pytest.raises(StepOutOfOrderError) as error:
        require_next_step(["verify_determine"], "decide", {"propose": "报批确认"})
    assert "needs 'propose' first (报批确认" in str(error.value)
    assert error.value.missing_step == "propose"
