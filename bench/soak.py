"""`python -m bench.soak [--seconds 120] [--rate 30]`: the fault drill run longer, as a soak.

Signals at a steady rate for the given time while identification is SIGKILLed and NATS and
PostgreSQL are restarted (shared/runner/fault_drill.py, the same drill the end-to-end suite runs
for 15 s). Prints what was sent, re-sent and lost or duplicated, how long after the last send the
record was complete, and the CPU milliseconds per signal of each service process that ran
throughout (identification's from its restart on), beside the rate asked for.
"""

from __future__ import annotations

import argparse
import json
import sys

import psutil

from bench.system import running_stack
from shared.runner.fault_drill import run_drill
from shared.runner.stack import Stack


def cpu_seconds(stack: Stack) -> dict[str, float]:
    seconds = {}
    for name, service in stack.services.items():
        if service.process is not None and service.process.poll() is None:
            times = psutil.Process(service.process.pid).cpu_times()
            seconds[name] = times.user + times.system
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--rate", type=float, default=30.0, help="signals per second")
    args = parser.parse_args()
    with running_stack({"CADRE_SCAN_INTERVAL_SECONDS": "1"}) as stack:
        before = cpu_seconds(stack)
        result = run_drill(stack, seconds=args.seconds, rate=args.rate, prefix="soak",
                           settle_timeout=max(120.0, args.seconds),
                           log=lambda line: print(f"  {line}", file=sys.stderr))
        after = cpu_seconds(stack)
    cpu_ms = {name: round(1000 * (after[name] - (0.0 if name == "identification" else before[name]))
                          / max(result.sent, 1), 2) for name in after}
    figures = {
        "seconds": args.seconds, "rate_asked": args.rate, "sent": result.sent,
        "rate_sent": round(result.sent / result.seconds_sending, 1), "resends": result.resends,
        "missing": len(result.missing), "duplicated": len(result.duplicates),
        "complete_after_last_send_s": round(result.seconds_to_complete, 1),
        "faults": result.faults, "cpu_ms_per_signal": cpu_ms,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0 if not result.missing and not result.duplicates else 1


if __name__ == "__main__":
    sys.exit(main())
