"""Replay: one cadre's documentary record of ~500 events is read in full and as it stood at a
mid-point, over audit's public HTTP API, by the managing unit's case officer (a supervisor's read
would add one write per read, its access record, which is not what this figure measures).

The record is built as users would: one cadre walks the five-step path across the services
(shared.runner.scenario), then producers keep reporting about them until the record holds the
target number of entries. Each report occurred an hour after the previous one, so as_of a
mid-point returns about half the record.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import nats

from bench.timing import p99
from shared.access.dev_issuer import DevIssuer
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.runner.principals import case_officer
from shared.runner.scenario import Scenario, circumstance_report
from shared.runner.scenario import wait_for as wait_until

FIRST_REPORT = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _cadre(cadre_id: str) -> contract.CadreRef:
    # As the scenario's cadre (a unit's party committee head), so every step of the path applies.
    return contract.CadreRef(cadre_id=cadre_id, name="赵立新", unit_id="unit:bt-housing-bureau",
                             post="包头市住房和城乡建设局局长", rank="正处级",
                             role="party_committee_head")


async def _publish_reports(url: str, cadre: contract.CadreRef, count: int) -> None:
    nc = await nats.connect(url)
    js = nc.jetstream()
    for n in range(count):
        signal_id = f"{cadre.cadre_id}-r{n}"
        report = circumstance_report(cadre, signal_id, reported_at=FIRST_REPORT + timedelta(hours=n))
        envelope = envelope_for(report, event_id=signal_id, source="discipline",
                                cadre_id=cadre.cadre_id, occurred_at=report.reported_at)
        await js.publish_async(envelope.subject(), encode(envelope),
                               headers={"Nats-Msg-Id": signal_id})
    await js.publish_async_completed()
    await nc.close()


def prepare(urls: dict[str, str], url: str, cadre_id: str, events: int,
            issuer: DevIssuer) -> tuple[int, str]:
    """Build the record; returns its size and a note on how it was built."""
    cadre = _cadre(cadre_id)
    note = "five-step path across the services, then producer reports"
    auth = issuer.headers(case_officer())
    try:
        scenario = Scenario(urls=urls, nats_url=url, cadre=cadre, issuer=issuer, log=lambda _: None)
        scenario.report(signal_id=f"{cadre_id}-first")
        scenario.run_procedure(scenario.determine())
    except Exception as error:  # other services' APIs are moving; the record still gets built
        detail = error.response.text if isinstance(error, httpx.HTTPStatusError) else repr(error)
        note = f"producer reports only (five-step path failed: {str(error)[:60]} {detail[:160]})"

    def size() -> int:
        response = httpx.get(f"{urls['audit']}/cadres/{cadre_id}/timeline", headers=auth, timeout=30)
        return len(response.json()["entries"]) if response.status_code == 200 else 0

    missing = events - wait_until("the path in audit", size, timeout=60)
    asyncio.run(_publish_reports(url, cadre, max(0, missing - 1)))
    return wait_until(f"{events} entries", lambda: (lambda n: n if n >= events else None)(size()),
                      timeout=120), note


def _midpoint(entries: list[dict[str, Any]]) -> str:
    moments = sorted(datetime.fromisoformat(e["occurred_at"]) for e in entries)
    return moments[len(moments) // 2].isoformat()


def measure(audit_url: str, cadre_id: str, reads: int, issuer: DevIssuer) -> tuple[float, float, int]:
    """p99 (ms) of the full timeline and of as_of a mid-point, and the as_of entry count."""
    path = f"/cadres/{cadre_id}/timeline"
    with httpx.Client(base_url=audit_url, headers=issuer.headers(case_officer()), timeout=30) as client:
        entries = client.get(path).json()["entries"]
        as_of = {"as_of": _midpoint(entries)}
        half = len(client.get(path, params=as_of).json()["entries"])
        full_times, as_of_times = [], []
        for _ in range(reads):
            begun = time.perf_counter()
            client.get(path).raise_for_status()
            full_times.append(time.perf_counter() - begun)
            begun = time.perf_counter()
            client.get(path, params=as_of).raise_for_status()
            as_of_times.append(time.perf_counter() - begun)
    return p99(full_times) * 1000, p99(as_of_times) * 1000, half
