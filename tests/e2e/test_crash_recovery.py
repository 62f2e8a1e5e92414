"""SIGKILL services while events flow; after restart downstream has every event exactly once."""

from __future__ import annotations

import asyncio
import collections
import time

import httpx

from shared.contract import events as contract
from shared.runner.principals import case_officer
from shared.runner.scenario import circumstance_report, publish_report, wait_for
from shared.runner.stack import Stack

SIGNALS = 60


async def publish_many(nats_url: str, start: int, stop: int) -> None:
    for n in range(start, stop):
        cadre = contract.CadreRef(cadre_id=f"crash-{n:03d}", name=f"干部{n}", unit_id="u",
                                  post="科长", rank="正科级")
        await publish_report(nats_url, circumstance_report(cadre, f"crash-sig-{n}"),
                             message_id=f"crash-msg-{n}")


def audit_counts(stack: Stack) -> collections.Counter[tuple[str, str]]:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    auth = stack.issuer.headers(case_officer())  # the managing unit's officer reads the record
    with httpx.Client(base_url=stack.services["audit"].url, headers=auth, timeout=5) as client:
        for n in range(SIGNALS):
            response = client.get(f"/cadres/crash-{n:03d}/timeline")
            if response.status_code == 200:
                for entry in response.json()["entries"]:
                    counts[(f"crash-{n:03d}", entry["type"])] += 1
    return counts


def test_killed_services_resume_and_every_event_arrives_exactly_once(stack: Stack) -> None:
    assert stack.nats is not None
    asyncio.run(publish_many(stack.nats.url, 0, SIGNALS // 3))
    stack.kill_service("identification")  # mid-flow: some signals are not yet processed
    asyncio.run(publish_many(stack.nats.url, SIGNALS // 3, 2 * SIGNALS // 3))
    stack.kill_service("audit")
    asyncio.run(publish_many(stack.nats.url, 2 * SIGNALS // 3, SIGNALS))
    time.sleep(0.5)
    stack.start_service("identification")
    stack.start_service("audit")
    stack.wait_ready()

    expected = {(f"crash-{n:03d}", t) for n in range(SIGNALS)
                for t in ("CircumstanceReported", "ConcernOpened")}

    def complete() -> collections.Counter[tuple[str, str]] | None:
        counts = audit_counts(stack)
        return counts if expected <= set(counts) else None

    counts = wait_for("every event in the audit record", complete, timeout=60)
    assert all(counts[key] == 1 for key in expected), {k: v for k, v in counts.items() if v != 1}
    assert set(counts) == expected
