"""Command API: the proposal step (IM 16) over HTTP under 32 concurrent clients, load from `wrk`.

Cases are prepared as the adjustment service receives them: identification's
UnsuitabilityDetermined on NATS (published here in identification's name, with the public
contract). Every request posts the proposal of a different case (a Lua script walks a list of
case ids per wrk thread), so each request is a real step: verify the case officer's token, load
the case, check the officer's unit manages the cadre, save, publish.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import nats

from shared.access.dev_issuer import DevIssuer
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.runner.principals import MANAGING_UNIT, case_officer
from shared.runner.procedure import procedure_steps
from shared.runner.scenario import wait_for as wait_until

LUA = """
local ids = {}
local next_index, step = 0, 1
local counter = 0
function setup(thread)
  thread:set("first", counter)
  counter = counter + 1
end
function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  local f = io.open(args[2]); body = f:read("*a"); f:close()
  step = tonumber(args[3]); next_index = first
  -- wrk.format does not merge wrk.headers (the -H options) into headers it is given.
  headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do headers[name] = value end
end
function request()
  local id = ids[(next_index % #ids) + 1]
  next_index = next_index + step
  return wrk.format("POST", "/cases/" .. id .. "/proposal", headers, body)
end
"""


@dataclass
class WrkResult:
    requests_per_second: float
    p99_ms: float
    requests: int
    errors: int


def case_id(concern_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cadre:adjustment-case:{concern_id}"))


async def _publish_determinations(url: str, prefix: str, count: int) -> list[str]:
    nc = await nats.connect(url)
    js = nc.jetstream()
    concerns = []
    for n in range(count):
        concern_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{prefix}:{n}"))
        cadre = contract.CadreRef(cadre_id=f"{prefix}-c{n}", name=f"干部{n}", unit_id="unit:bench",
                                  post="局长", rank="正处级", role="party_committee_head")
        payload = contract.UnsuitabilityDetermined(
            concern_id=concern_id, cadre=cadre,
            authority=contract.Authority(managing_unit=MANAGING_UNIT, pack_id="IM-2022"),
            circumstances=[contract.Citation(pack_id="IM-2022", article="art. 6(8)")],
            evidence_refs=[f"verification-{n}"], determined_by="市委组织部干部监督科",
            determined_on=date(2026, 5, 6))
        envelope = envelope_for(payload, event_id=f"{prefix}-d{n}", source="identification",
                                cadre_id=cadre.cadre_id, occurred_at=datetime(2026, 5, 6, tzinfo=UTC))
        await js.publish_async(envelope.subject(), encode(envelope),
                               headers={"Nats-Msg-Id": envelope.id})
        concerns.append(concern_id)
    await js.publish_async_completed()
    await nc.close()
    return [case_id(c) for c in concerns]


def officer_headers(issuer: DevIssuer) -> dict[str, str]:
    """The managing unit's case officer, who records proposals (one token for the whole run)."""
    return issuer.headers(case_officer())


def prepare_cases(adjustment_url: str, url: str, prefix: str, count: int,
                  auth: dict[str, str]) -> list[str]:
    ids = asyncio.run(_publish_determinations(url, prefix, count))
    with httpx.Client(base_url=adjustment_url, headers=auth, timeout=10) as client:
        wait_until(f"{count} adjustment cases", lambda: client.get(f"/cases/{ids[-1]}").status_code == 200,
                   timeout=300, interval=0.2)
        wait_until("the first case", lambda: client.get(f"/cases/{ids[0]}").status_code == 200, 60)
    return ids


def proposal_body() -> dict[str, object]:
    return dict(procedure_steps(date(2026, 6, 1))[0][1])


def check_step(adjustment_url: str, case: str, auth: dict[str, str]) -> None:
    """One proposal by hand first: a refusal here would make wrk measure error responses."""
    response = httpx.post(f"{adjustment_url}/cases/{case}/proposal", json=proposal_body(),
                          headers=auth, timeout=10)
    if response.status_code >= 300:
        raise RuntimeError(f"proposal refused ({response.status_code}): {response.text[:300]}")


def wrk_available() -> bool:
    # Debian's package, installed by scripts/test.sh before anything runs; never installed here.
    return shutil.which("wrk") is not None


def run_wrk(adjustment_url: str, ids: list[str], seconds: float, auth: dict[str, str],
            connections: int = 32, threads: int = 2) -> WrkResult:
    work = Path(tempfile.mkdtemp(prefix="cadre-wrk-"))
    try:
        (work / "ids.txt").write_text("\n".join(ids) + "\n")
        (work / "body.json").write_text(json.dumps(proposal_body(), ensure_ascii=False))
        (work / "step.lua").write_text(LUA)
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
             *(arg for name, value in auth.items() for arg in ("-H", f"{name}: {value}")),
             "-s", str(work / "step.lua"), adjustment_url, "--", str(work / "ids.txt"),
             str(work / "body.json"), str(threads)],
            capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return parse_wrk(out)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(out: str) -> WrkResult:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.MULTILINE)
    total = re.search(r"(\d+) requests in", out)
    if not (rate and p99 and total):
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(g) for g in socket.groups()) if socket else 0
    return WrkResult(float(rate.group(1)), _ms(*p99.groups()), int(total.group(1)), errors)
