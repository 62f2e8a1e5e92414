"""`python -m bench.console_desk [--items N]`: the officer's desk of a unit with N open items.

N cadres (default 10,000) are imported into the register of the Baotou department, and the
discipline inspection publishes a signal about each over NATS, as in production, so the unit has
N open concerns to verify. Then the desk is assembled as the console does it for the case officer
(every service's list endpoints, paged, with the working days left on the official calendar) and
rendered into its page, five times. Prints the figures; nothing asserts (a slow machine is no
failure)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime

import httpx
from starlette.requests import Request

from bench.register_search import BATCH, names, register_csv
from bench.system import running_stack
from services.console.desk_pages import worklist
from services.console.service_calls import ServiceCalls
from services.console.web import templates
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.messaging.connection import connect_as_producer
from shared.runner.principals import MANAGING_UNIT, case_officer
from shared.runner.scenario import circumstance_report, wait_for


async def publish(nats_url: str, cadres: list[tuple[str, str]]) -> None:
    nc = await connect_as_producer(nats_url)
    js = nc.jetstream()
    for number, (cadre_id, name) in enumerate(cadres):
        cadre = contract.CadreRef(cadre_id=cadre_id, name=name, unit_id="unit:bench-000", post="科长",
                                  rank="正科级", role="unit_staff")
        report = circumstance_report(cadre, f"bench-desk-{number}", managing_unit=MANAGING_UNIT,
                                     reported_at=datetime(2026, 4, 12, tzinfo=UTC))
        message_id = f"bench-desk-{number}"
        envelope = envelope_for(report, event_id=message_id, source="discipline",
                                cadre_id=cadre_id, occurred_at=report.reported_at)
        await js.publish(envelope.subject(), encode(envelope), headers={"Nats-Msg-Id": message_id})
    await nc.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.console_desk", description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    import random

    rng = random.Random(20261202)
    everyone = names(args.items, rng)
    with running_stack() as stack:
        officer = stack.issuer.headers(case_officer())
        with httpx.Client(base_url=stack.urls["identification"], headers=officer, timeout=600) as client:
            for start in range(0, args.items, BATCH):
                client.post("/register/imports", params={"filename": f"名册-{start}.csv"},
                            content=register_csv(start, everyone[start:start + BATCH], rng),
                            headers={"content-type": "text/csv"}).raise_for_status()
            cadres = [(f"bench-{n:06d}", name) for n, name in enumerate(everyone)]
            began = time.perf_counter()
            assert stack.nats is not None
            asyncio.run(publish(stack.nats.url, cadres))

            def all_open() -> bool:
                response = client.get("/concerns", params={"state": "open", "size": 1})
                return int(response.headers["X-Total-Count"]) >= args.items

            wait_for("every concern", all_open, timeout=1800, interval=2)
            took = time.perf_counter() - began
            print(f"{args.items:,} signals published and open as concerns in {took:.0f} s")
        api = ServiceCalls(stack.urls, officer["Authorization"].removeprefix("Bearer "), timeout=600)
        request = Request({"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""})
        assembled, rendered, sizes = [], [], []
        for _ in range(5):
            began = time.perf_counter()
            items, refusals = worklist(api, "li.min")
            middle = time.perf_counter()
            html = templates.get_template("desk.html").render(
                request=request, items=items, refusals=refusals, today=datetime.now(UTC).date(),
                session=None, csrf="",
                me={"role": "case_officer", "unit": MANAGING_UNIT, "subject": "li.min"})
            assembled.append((middle - began) * 1000)
            rendered.append((time.perf_counter() - middle) * 1000)
            sizes.append(len(html.encode()))
        print(f"desk of {len(items):,} items: assembled from the services' lists in "
              f"{statistics.median(assembled):,.0f} ms (median of 5, min {min(assembled):,.0f}), "
              f"rendered in {statistics.median(rendered):,.0f} ms; page {sizes[-1] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
