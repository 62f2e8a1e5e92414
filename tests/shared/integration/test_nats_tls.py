"""TLS on client connections, on a real nats-server configured as the production overlay does:
a client trusting the deployment's CA connects; a client without it, one trusting another CA,
and a plain connection are refused; a producer added to the registry data (operator's file in
CADRE_PRODUCER_REGISTRY) connects over TLS, publishes, and reads its receipt, without a release."""

from __future__ import annotations

import asyncio
import json
import ssl
from pathlib import Path

import nats
import pytest

from services.identification.bootstrap import bootstrap
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.messaging.connection import client_tls, connect_as_producer
from shared.messaging.receipt_reader import read_receipts
from shared.producers.registry import DEFAULT_REGISTRY, REGISTRY_ENV
from shared.runner.scenario import circumstance_report
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.helpers import eventually
from tests.secured_nats import start_secured
from tests.tls_certificates import make_certificates, tls_block

pytestmark = pytest.mark.integration


async def refused(url: str, **options: object) -> str | None:
    try:
        nc = await nats.connect(url, connect_timeout=2, allow_reconnect=False,
                                max_reconnect_attempts=0, **options)  # type: ignore[arg-type]
    except Exception as error:
        return repr(error)
    await nc.close()
    return None


def test_only_a_client_trusting_the_deployment_s_ca_connects(tmp_path: Path) -> None:
    certificates = make_certificates(tmp_path / "tls")
    stranger = make_certificates(tmp_path / "other", label="someone-else")
    tls = client_tls(certificates.ca)
    server, url, _ = start_secured(tmp_path, extra=tls_block(certificates), scheme="tls",
                                   admin_options={"tls": tls})

    async def scenario() -> tuple[int, str | None, str | None, str | None]:
        petitions = await connect_as_producer(url("petitions"), certificates.ca)
        ack = await petitions.jetstream().publish("cadre.intake.petitions.circumstance_reported.v1",
                                                  b"{}", headers={"Nats-Msg-Id": "tls-1"})
        await petitions.close()
        untrusted = await refused(url("petitions"), tls=ssl.create_default_context())
        other_ca = await refused(url("petitions"), tls=client_tls(stranger.ca))
        plain = await refused(url("petitions").replace("tls://", "nats://"))
        return ack.seq, untrusted, other_ca, plain

    try:
        seq, untrusted, other_ca, plain = asyncio.run(scenario())
    finally:
        server.stop()
    assert seq >= 1
    assert untrusted and "CERTIFICATE_VERIFY_FAILED" in untrusted
    assert other_ca and "CERTIFICATE_VERIFY_FAILED" in other_ca
    assert plain is not None  # the server requires TLS of every client


def test_a_producer_added_to_the_registry_data_works_over_tls_without_a_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_server: EmbeddedPostgres,
    database: str,
) -> None:
    registry = json.loads(DEFAULT_REGISTRY.read_text(encoding="utf-8"))
    registry["producers"].append({"name": "emergency_management", "zh": "应急管理部门",
                                  "en": "Emergency management (IM 12)",
                                  "publishes": ["CircumstanceReported"]})
    operator_file = tmp_path / "operator-registry.json"
    operator_file.write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(REGISTRY_ENV, str(operator_file))
    certificates = make_certificates(tmp_path / "tls")
    server, url, passwords = start_secured(tmp_path, extra=tls_block(certificates), scheme="tls",
                                           admin_options={"tls": client_tls(certificates.ca)})
    settings = ServiceSettings(
        cadre_env="test", nats_url=f"tls://127.0.0.1:{server.port}", nats_user="identification",
        nats_password=passwords["identification"], nats_tls_ca=certificates.ca,
        cadre_provision_streams=False, postgres_host="127.0.0.1", postgres_port=postgres_server.port,
        postgres_dbname=database, postgres_user=postgres_server.user, cadre_clock="adjustable",
        cadre_relay_interval_seconds=0.05)
    runtime = bootstrap(settings)
    cadre = contract.CadreRef(cadre_id="c-emergency", name="钱七", unit_id="u-em", post="副局长",
                              rank="副处级", role="party_committee_member")
    report = circumstance_report(cadre, "yj-1", source_system="emergency_management")

    async def scenario() -> list:  # type: ignore[type-arg]
        async with _running(runtime):
            producer = await connect_as_producer(url("emergency_management"), certificates.ca)
            envelope = envelope_for(report, event_id="yj-1", source="emergency_management",
                                    cadre_id=cadre.cadre_id, occurred_at=report.reported_at)
            await producer.jetstream().publish(envelope.subject(), encode(envelope),
                                               headers={"Nats-Msg-Id": envelope.id})
            found: list = []  # type: ignore[type-arg]

            async def accepted() -> bool:
                found.extend(await read_receipts(producer, "emergency_management", wait=0.5))
                return any(r.type == "SignalAccepted" for r in found)

            await eventually(accepted)
            await producer.close()
            return found

    try:
        receipts = asyncio.run(scenario())
    finally:
        server.stop()
    [receipt] = [r for r in receipts if r.type == "SignalAccepted"]
    assert receipt.envelope.recipient == "emergency_management"
    assert receipt.payload.signal_id == "yj-1"  # type: ignore[attr-defined]
