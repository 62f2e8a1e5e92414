"""`python -m bench [--quick]`: every workload three times against its own embedded NATS and
PostgreSQL, beside raw baselines measured on the same servers in the same run.

Prints one table (median, min, max, ratio to the raw baseline, goal) and writes it as JSON to
bench/results/ (the path is printed). --quick shrinks every workload for a CI smoke run (< 1 min);
the full run takes under ten minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

from bench import baselines, command_api, intake, rebuild, replay, season
from bench.cpu import CpuMeter
from bench.report import Figure, Report, machine, table, write_json
from bench.sizes import FULL, QUICK, Sizes
from bench.system import PeakRss, dsn, nats_url, running_stack
from shared.runner.stack import Stack
from shared.settings import ServiceSettings

RUNS = 3


def _phase(name: str, started: float) -> None:
    print(f"  {name} done at {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)


def add_cpu(report: Report, what: str, runs: list[dict[str, float]]) -> None:
    """One figure per process that did measurable work, and their sum."""
    names = [name for name in runs[0] if max(r.get(name, 0.0) for r in runs) >= 0.005]
    for name in names:
        report.add(Figure(f"{what}: {name}", "ms", [r.get(name, 0.0) for r in runs], False))
    report.add(Figure(f"{what}: all processes", "ms", [sum(r.values()) for r in runs], False))


def measure_baselines(report: Report, stack: Stack, sizes: Sizes) -> None:
    database, url = dsn(stack), nats_url(stack)
    baselines.prepare_postgres(database)
    one = [baselines.pg_insert_one_per_commit(database, sizes.pg_single_rows) for _ in range(RUNS)]
    report.add(Figure("raw pg insert, 1 row/commit", "rows/s", [r for r, _ in one]))
    report.add(Figure("raw pg commit p99, 1 row/commit", "ms", [p for _, p in one], False))
    hundred = [baselines.pg_insert_hundred_per_commit(database, sizes.pg_batch_rows)
               for _ in range(RUNS)]
    report.add(Figure("raw pg insert, 100 rows/commit", "rows/s", hundred))
    report.add(Figure(f"raw pg insert {sizes.season_cadres:,} rows, 100/commit", "s",
                      [sizes.season_cadres / r for r in hundred], False))
    report.add(Figure("raw pg read of 500 rows p99", "ms", [
        baselines.pg_select_one_originator(database, 500, sizes.replay_reads) for _ in range(RUNS)],
        False))
    report.add(Figure("raw pg scan in notification order", "rows/s",
                      [baselines.pg_scan(database) for _ in range(RUNS)]))
    nats = [baselines.nats_publish_consume(url, sizes.nats_messages) for _ in range(RUNS)]
    report.add(Figure("raw nats async publish, 300 B", "msgs/s", [p for p, _ in nats]))
    report.add(Figure("raw nats pull-consume (fetch 256, ack)", "msgs/s", [c for _, c in nats]))


def measure_intake(report: Report, stack: Stack, sizes: Sizes) -> None:
    url = nats_url(stack)
    rates, peaks, cpu = [], [], []
    for run in range(RUNS):
        batch = intake.signals(f"in{run}", sizes.intake_signals)
        with PeakRss(stack) as rss, CpuMeter(stack) as meter:
            rates.append(intake.throughput(url, batch, timeout=sizes.timeout))
        peaks.append(rss.mebibytes())
        cpu.append(meter.ms_per(len(batch)))
        intake.check_sample(stack.urls["audit"], batch, stack.issuer)
    add_cpu(report, "intake CPU per signal", cpu)
    report.add(Figure(f"intake, {sizes.intake_signals:,} signals", "signals/s", rates, goal=5000,
                      baseline="raw nats pull-consume (fetch 256, ack)",
                      note="stored by identification and recorded by audit (report + ConcernOpened)"))
    latencies = []
    for run in range(RUNS):
        batch = intake.signals(f"lat{run}", sizes.latency_signals, per_cadre=1)
        latencies.append(intake.latency_p99_ms(url, batch, rate=1000, timeout=sizes.timeout))
    report.add(Figure("intake p99 report→audit at 1,000/s", "ms", latencies, False, goal=250,
                      baseline="raw pg commit p99, 1 row/commit",
                      note=f"{sizes.latency_signals:,} signals paced at 1,000/s"))
    for name in peaks[0]:
        report.add(Figure(f"peak RSS during intake: {name}", "MiB", [p[name] for p in peaks], False))


def measure_replay(report: Report, stack: Stack, sizes: Sizes) -> None:
    size, note = replay.prepare(stack.urls, nats_url(stack), "bench-replay-0001", sizes.replay_events,
                                stack.issuer)
    runs = [replay.measure(stack.urls["audit"], "bench-replay-0001", sizes.replay_reads, stack.issuer)
            for _ in range(RUNS)]
    base = "raw pg read of 500 rows p99"
    report.add(Figure(f"replay: full timeline ({size} events) p99", "ms", [r[0] for r in runs], False,
                      goal=25, baseline=base, note=note))
    report.add(Figure(f"replay: as_of mid-point ({runs[0][2]} events) p99", "ms",
                      [r[1] for r in runs], False, goal=25, baseline=base))


def measure_command_api(report: Report, stack: Stack, sizes: Sizes) -> None:
    if not command_api.wrk_available():
        report.notes.append("command API: wrk not installed and apt-get failed; not measured")
        return
    adjustment = stack.urls["adjustment"]
    auth = command_api.officer_headers(stack.issuer)
    per_run = sizes.command_cases
    ids = command_api.prepare_cases(adjustment, nats_url(stack), "cmd", per_run * RUNS + 1, auth)
    command_api.check_step(adjustment, ids[-1], auth)
    results, cpu = [], []
    for run in range(RUNS):
        with CpuMeter(stack) as meter:
            result = command_api.run_wrk(adjustment, ids[run * per_run:(run + 1) * per_run],
                                         sizes.command_seconds, auth)
        results.append(result)
        cpu.append(meter.ms_per(result.requests))
    add_cpu(report, "command API CPU per request", cpu)
    errors = sum(r.errors for r in results)
    note = (f"POST /cases/{{id}}/proposal as the case officer (bearer token), a new case per request, "
            f"wrk -t2 -c32 -d{sizes.command_seconds}s")
    if errors:
        note += f"; {errors} non-2xx or socket errors"
    report.add(Figure("command API: proposal step", "req/s", [r.requests_per_second for r in results],
                      goal=800, baseline="raw pg insert, 1 row/commit", note=note))
    report.add(Figure("command API: proposal step p99", "ms", [r.p99_ms for r in results], False,
                      goal=100, baseline="raw pg commit p99, 1 row/commit"))


def _settings(stack: Stack, schema: str) -> ServiceSettings:
    assert stack.postgres is not None
    return ServiceSettings(cadre_env="test", postgres_host="127.0.0.1", postgres_port=stack.postgres.port,
                           postgres_dbname="cadre", postgres_user=stack.postgres.user,
                           postgres_schema=schema)


def measure_season(report: Report, stack: Stack, sizes: Sizes) -> None:
    from services.identification.bootstrap import bootstrap

    app = bootstrap(_settings(stack, "bench_season")).app
    try:
        runs = [season.run(app, f"season{run}", sizes.season_cadres) for run in range(RUNS)]
    finally:
        app.close()
    report.add(Figure(f"assessment season, {sizes.season_cadres:,} cadres × 3 packs", "s",
                      [r[0] for r in runs], False, goal=30,
                      baseline=f"raw pg insert {sizes.season_cadres:,} rows, 100/commit",
                      note=f"{runs[0][1]:,} cadres flagged; {os.cpu_count()} engine processes"))


def measure_rebuild(report: Report, stack: Stack, sizes: Sizes) -> None:
    app, rebuild_once, what = rebuild.audit_application(_settings(stack, "bench_rebuild"))
    try:
        rebuild.store_log(app, dsn(stack), sizes.rebuild_events)
        rates = [rebuild.measure(rebuild_once, sizes.rebuild_events) for _ in range(RUNS)]
    finally:
        app.close()
    report.add(Figure(f"rebuild from {sizes.rebuild_events:,} stored events", "events/s", rates,
                      goal=50_000, baseline="raw pg scan in notification order", note=what))


# The batch jobs run first: later, the services' own periodic scans (which grow with the data
# intake stores) would compete for the same two cores with a job that does not involve them.
WORKLOADS: list[tuple[str, Callable[[Report, Stack, Sizes], None]]] = [
    ("baselines", measure_baselines), ("season", measure_season), ("rebuild", measure_rebuild),
    ("intake", measure_intake), ("replay", measure_replay), ("command API", measure_command_api),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI smoke runs")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    report = Report(mode="quick" if args.quick else "full")
    report.notes.append(f"load average at start: {os.getloadavg()}")
    started = time.perf_counter()
    with running_stack() as stack:
        _phase("stack start", started)
        for name, workload in WORKLOADS:
            workload(report, stack, sizes)
            _phase(name, started)
    report.notes.append(f"load average at end: {os.getloadavg()}; "
                        f"total {time.perf_counter() - started:.0f}s")
    print(f"\n{report.mode} run, {report.started}, {machine()['cores']} cores\n")
    print(table(report))
    for figure in report.figures:
        if figure.note:
            print(f"- {figure.name}: {figure.note}")
    for note in report.notes:
        print(f"- {note}")
    print(f"\nJSON: {write_json(report)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
