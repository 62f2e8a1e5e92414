"""CPU time per unit of work, per process: what a noisy shared machine cannot distort as much as
it distorts rates. Each service process, nats-server, and PostgreSQL (the postmaster with every
backend, live or already reaped) is read from the kernel before and after a workload."""

from __future__ import annotations

from dataclasses import dataclass, field

import psutil

from shared.runner.stack import Stack


def _seconds(process: psutil.Process, with_children: bool) -> float:
    try:
        times = process.cpu_times()
        total = times.user + times.system
        if with_children:  # backends that exited were reaped by the postmaster: counted here
            total += times.children_user + times.children_system
            for child in process.children(recursive=True):
                try:
                    child_times = child.cpu_times()
                    total += child_times.user + child_times.system
                except psutil.Error:
                    pass
        return total
    except psutil.Error:
        return 0.0


def processes(stack: Stack) -> dict[str, tuple[psutil.Process, bool]]:
    found = {name: (psutil.Process(service.process.pid), False)
             for name, service in stack.services.items()
             if service.process is not None and service.process.poll() is None}
    if stack.nats is not None and stack.nats.process is not None:
        found["nats"] = (psutil.Process(stack.nats.process.pid), False)
    if stack.postgres is not None and stack.postgres.process is not None:
        found["postgres"] = (psutil.Process(stack.postgres.process.pid), True)
    return found


@dataclass
class CpuMeter:
    stack: Stack
    start: dict[str, float] = field(default_factory=dict)
    spent: dict[str, float] = field(default_factory=dict)

    def __enter__(self) -> CpuMeter:
        self.start = {name: _seconds(p, kids) for name, (p, kids) in processes(self.stack).items()}
        return self

    def __exit__(self, *_: object) -> None:
        end = {name: _seconds(p, kids) for name, (p, kids) in processes(self.stack).items()}
        self.spent = {name: end[name] - self.start.get(name, 0.0) for name in end}

    def ms_per(self, units: int) -> dict[str, float]:
        return {name: 1000 * seconds / max(units, 1) for name, seconds in self.spent.items()}
