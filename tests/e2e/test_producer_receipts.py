"""Producers as an integrator connects them, against the system as `cadre up` runs it (its own
NATS users, the operator's streams and consumers): a petition whose concern is referred to
discipline inspection reaches the discipline system as a referral and comes back to the petitions
system as the outcome; the example producer publishes, re-sends and reads its receipts."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.contract import events as contract
from shared.contract.codec import IntegrationEvent
from shared.messaging.connection import connect_as_producer
from shared.messaging.receipt_reader import read_receipts
from shared.runner.demo_register import load_register
from shared.runner.scenario import circumstance_report, publish_report, wait_for
from shared.runner.stack import Stack, temporary_stack
from tests.e2e.conftest import scenario_on

pytestmark = pytest.mark.e2e
CADRE = contract.CadreRef(cadre_id="cadre-bt-0001", name="王建国", unit_id="unit:bt-housing-bureau",
                          post="包头市住房和城乡建设局局长", rank="正处级", role="party_committee_head")


@pytest.fixture(scope="module")
def secured() -> Iterator[Stack]:
    with temporary_stack("cadre-receipts-", {"CADRE_RELAY_INTERVAL_SECONDS": "0.05"},
                         nats_auth=True) as stack:
        load_register(stack.urls["identification"], stack.issuer, log=lambda line: None)
        yield stack


def receipts_of(stack: Stack, producer: str, until: set[str]) -> list[IntegrationEvent]:
    found: list[IntegrationEvent] = []

    async def read() -> list[IntegrationEvent]:
        nc = await connect_as_producer(stack.nats_url_for(producer))
        try:
            return await read_receipts(nc, producer, wait=0.5)
        finally:
            await nc.close()

    def more() -> bool:
        found.extend(asyncio.run(read()))
        return until <= {r.type for r in found}

    wait_for(f"{producer}'s receipts {sorted(until)}", more, timeout=30)
    return found


def test_a_petition_referred_to_discipline_reaches_discipline_and_its_outcome_the_petitions(
    secured: Stack,
) -> None:
    scenario = scenario_on(secured, CADRE)
    report = circumstance_report(CADRE, "xf-2026-0501", source_system="petitions",
                                 channel="supervision_results", reporter="信访局",
                                 matter_ref="wz-2026-031")
    asyncio.run(publish_report(secured.nats_url_for("petitions"), report,
                               message_id="petitions:xf-2026-0501", producer="petitions"))
    [accepted] = [r for r in receipts_of(secured, "petitions", {"SignalAccepted"})
                  if r.type == "SignalAccepted"]
    concern_id = accepted.payload.concern_id  # type: ignore[attr-defined]
    with scenario.http("identification", scenario.secretary()) as client:
        response = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "referred_to_discipline",
            "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["xf-2026-0501", "verification-2026-05-20"],
            "on_behalf_of": "市委组织部干部监督科 李敏", "determined_on": "2026-05-20"})
        assert response.status_code == 200, response.text

    [referral] = [r for r in receipts_of(secured, "discipline", {"DisciplineReferral"})
                  if r.type == "DisciplineReferral"]
    assert referral.envelope.recipient == "discipline"
    assert referral.payload.concern_id == concern_id  # type: ignore[attr-defined]
    assert referral.payload.matter_refs == ["wz-2026-031"]  # type: ignore[attr-defined]
    assert referral.payload.signals == ["petitions:xf-2026-0501"]  # type: ignore[attr-defined]
    assert referral.payload.cadre.cadre_id == CADRE.cadre_id  # type: ignore[attr-defined]

    [outcome] = [r for r in receipts_of(secured, "petitions", {"ConcernOutcome"})
                 if r.type == "ConcernOutcome"]
    assert outcome.payload.outcome == "referred_to_discipline"  # type: ignore[attr-defined]
    assert outcome.payload.signal_ids == ["xf-2026-0501"]  # type: ignore[attr-defined]


def test_the_example_producer_publishes_re_sends_and_reads_its_receipts(secured: Stack) -> None:
    command = [sys.executable, "-m", "shared.runner.cli", "produce", "--example", "audit_office",
               "--data-dir", str(secured.data_dir), "--signal-id", "sj-example-1", "--wait", "20"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90,
                          env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("sent sj-example-1 on cadre.intake.audit_office.circumstance_reported.v1")
    assert "a duplicate" in lines[1]  # the re-send inside JetStream's window is dropped
    assert any(line.startswith("SignalAccepted: ") and "sj-example-1" in line for line in lines)
