"""Workload sizes: the issue's full sizes, and a quick set for CI smoke runs (under a minute)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    pg_single_rows: int
    pg_batch_rows: int
    nats_messages: int
    intake_signals: int
    latency_signals: int  # paced at 1,000/s, so also the steady phase's length in ms
    replay_events: int
    replay_reads: int
    command_cases: int  # per run; a new case per request
    command_seconds: int
    season_cadres: int
    rebuild_events: int
    timeout: float


FULL = Sizes(
    pg_single_rows=2_000, pg_batch_rows=100_000, nats_messages=50_000, intake_signals=20_000,
    latency_signals=5_000, replay_events=500, replay_reads=200, command_cases=4_000,
    command_seconds=5, season_cadres=100_000, rebuild_events=1_000_000, timeout=300,
)

QUICK = Sizes(
    pg_single_rows=200, pg_batch_rows=5_000, nats_messages=5_000, intake_signals=300,
    latency_signals=300, replay_events=60, replay_reads=30, command_cases=150,
    command_seconds=1, season_cadres=2_000, rebuild_events=20_000, timeout=60,
)
