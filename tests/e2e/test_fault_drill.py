"""Signals at a steady rate while identification is SIGKILLed and NATS and PostgreSQL are
restarted: every signal ends on the record once, with its concern (bounded: about 15 s of sending)."""

from __future__ import annotations

from shared.runner.fault_drill import run_drill
from shared.runner.stack import Stack


def test_a_steady_stream_survives_a_killed_service_and_restarted_nats_and_postgresql(
    stack: Stack,
) -> None:
    result = run_drill(stack, seconds=15, rate=10, settle_timeout=90)
    assert result.sent >= 100, result
    assert len(result.faults) == 3
    assert result.missing == [], result.missing[:10]
    assert result.duplicates == {}, result.duplicates
