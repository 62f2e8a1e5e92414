"""Receipts on real NATS configured from the producer registry, identification on real PostgreSQL:
a producer reads what became of each message it sent, and only its own receipts."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import nats
import pytest
from nats.js.api import ConsumerConfig

from services.identification.application import Concerns
from services.identification.bootstrap import bootstrap
from shared.contract import events as contract
from shared.contract.codec import decode, encode, envelope_for
from shared.contract.envelope import RECEIPTS_STREAM
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.messaging.connection import connect_as_producer
from shared.messaging.permissions import inbox_prefix
from shared.messaging.receipt_reader import read_receipts
from shared.runner.scenario import circumstance_report, publish_report
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.helpers import eventually
from tests.secured_nats import start_secured

pytestmark = pytest.mark.integration
CADRE = contract.CadreRef(cadre_id="c-receipts", name="赵六", unit_id="u-9", post="副局长",
                          rank="副处级", role="party_committee_member")


@pytest.fixture
def secured_settings(tmp_path: Path, postgres_server: EmbeddedPostgres, database: str):  # type: ignore[no-untyped-def]
    server, url, passwords = start_secured(tmp_path)
    yield url, ServiceSettings(
        cadre_env="test", nats_url=server.url, nats_user="identification",
        nats_password=passwords["identification"], cadre_provision_streams=False,
        postgres_host="127.0.0.1", postgres_port=postgres_server.port, postgres_dbname=database,
        postgres_user=postgres_server.user, cadre_clock="adjustable",
        cadre_scan_interval_seconds=0.2, cadre_relay_interval_seconds=0.05)
    server.stop()


def malformed(message_id: str) -> bytes:
    report = circumstance_report(CADRE, "pet-bad", source_system="petitions")
    body = json.loads(encode(envelope_for(report, event_id=message_id, source="petitions",
                                          cadre_id=CADRE.cadre_id, occurred_at=report.reported_at)))
    del body["data"]["cadre"]["unit_id"]
    return json.dumps(body).encode()


async def refused(coroutine) -> bool:  # type: ignore[no-untyped-def]
    try:
        await coroutine
    except Exception:
        return True
    return False


def test_a_producer_reads_its_receipts_and_nobody_else_s(secured_settings) -> None:  # type: ignore[no-untyped-def]
    url, settings = secured_settings
    runtime = bootstrap(settings)
    app = runtime.app
    assert isinstance(app, Concerns)

    async def scenario() -> None:
        async with _running(runtime):
            petitions_url = url("petitions")
            for signal_id in ("pet-1", "pet-2"):
                report = circumstance_report(CADRE, signal_id, source_system="petitions")
                assert await publish_report(petitions_url, report, message_id=signal_id,
                                            producer="petitions")
            # A re-send under a new message id is the same signal: no second receipt.
            again = circumstance_report(CADRE, "pet-1", source_system="petitions")
            await publish_report(petitions_url, again, message_id="pet-1-again", producer="petitions")
            petitions = await connect_as_producer(petitions_url)
            await petitions.jetstream().publish("cadre.intake.petitions.circumstance_reported.v1",
                                                malformed("pet-bad-1"),
                                                headers={"Nats-Msg-Id": "pet-bad-1"})
            received: list = []

            async def three() -> bool:
                received.extend(await read_receipts(petitions, "petitions", wait=0.5))
                return len(received) >= 3

            await eventually(three)
            await asyncio.sleep(0.5)
            received.extend(await read_receipts(petitions, "petitions", wait=0.3))
            by_type = {r.type: r for r in received}
            assert sorted(r.type for r in received) == ["MessageRejected", "SignalAccepted",
                                                        "SignalJoined"]
            concern = app.concerns_of(CADRE.cadre_id)[0]
            accepted, joined = by_type["SignalAccepted"], by_type["SignalJoined"]
            assert (accepted.payload.signal_id, accepted.payload.concern_id) == (  # type: ignore[attr-defined]
                "pet-1", str(concern.id))
            assert (joined.payload.signal_id, joined.payload.concern_id) == (  # type: ignore[attr-defined]
                "pet-2", str(concern.id))
            rejected = by_type["MessageRejected"].payload
            assert rejected.field == "data.cadre.unit_id"  # type: ignore[attr-defined]
            assert rejected.message_id == "pet-bad-1"  # type: ignore[attr-defined]
            assert "Field required" in rejected.reason_en  # type: ignore[attr-defined]
            assert "未予接收" in rejected.reason_zh  # type: ignore[attr-defined]
            assert all(r.envelope.recipient == "petitions" and r.envelope.source == "identification"
                       for r in received)

            # Another producer's receipts: neither its consumer nor its subject, nor its name.
            js = petitions.jetstream(timeout=1)
            assert await refused(js.add_consumer(RECEIPTS_STREAM, config=ConsumerConfig(
                durable_name="petitions", name="petitions",
                filter_subject="cadre.receipts.discipline.>")))
            assert await refused(js.add_consumer(RECEIPTS_STREAM, config=ConsumerConfig(
                durable_name="discipline", name="discipline",
                filter_subject="cadre.receipts.discipline.>")))
            discipline_s = await js.pull_subscribe_bind(durable="discipline", stream=RECEIPTS_STREAM)
            assert await refused(discipline_s.fetch(1, timeout=1))
            assert await refused(js.publish("cadre.intake.discipline.circumstance_reported.v1",
                                            b"{}", timeout=1))
            await petitions.close()

            errors: list[str] = []

            async def on_error(error: Exception) -> None:
                errors.append(str(error).lower())

            spy = await nats.connect(petitions_url, error_cb=on_error, allow_reconnect=False,
                                     inbox_prefix=inbox_prefix("petitions"))
            await spy.subscribe("cadre.receipts.discipline.>")
            await spy.flush()
            await asyncio.sleep(0.3)
            await spy.close()
            assert any("permissions violation" in e for e in errors)

    asyncio.run(scenario())


def test_receipts_are_valid_contract_messages_on_their_producer_s_subject(secured_settings) -> None:  # type: ignore[no-untyped-def]
    url, settings = secured_settings
    runtime = bootstrap(settings)

    async def scenario() -> list[tuple[str, bytes]]:
        async with _running(runtime):
            audit_office = await connect_as_producer(url("audit_office"))
            live = await audit_office.subscribe("cadre.receipts.audit_office.>")
            report = circumstance_report(CADRE, "sj-1", source_system="audit_office")
            await publish_report(url("audit_office"), report, message_id="sj-1", producer="audit_office")
            msg = await live.next_msg(timeout=10)
            await audit_office.close()
            return [(msg.subject, msg.data)]

    [(subject, body)] = asyncio.run(scenario())
    receipt = decode(body)
    assert subject == "cadre.receipts.audit_office.signal_accepted.v1" == receipt.envelope.subject()
