"""Provenance bound at the door, on real NATS and PostgreSQL: forged messages that a producer's
subject would let through (another source's event type, another producer's source_system, a
service's type on a producer subject) are dead-lettered with the reason; the record, the
statistics and the verification are as before."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import nats
import pytest
from fastapi.testclient import TestClient

from services.audit.api import router
from services.audit.bootstrap import bootstrap
from services.audit.settings import AuditSettings
from shared.contract.codec import encode
from shared.contract.envelope import DEAD_LETTER_STREAM, Envelope
from shared.messaging.dead_letter import ORIGINAL_SUBJECT_HEADER, REASON_HEADER
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import acting, headers_for
from tests.audit.case_events import CASE_A, T0, publish, whole_case
from tests.helpers import eventually, read_subject

pytestmark = pytest.mark.integration
DEPT, REGION = "org:baotou-municipal", "org:inner-mongolia-region"
SUPERVISOR = headers_for("supervisor", REGION)


@pytest.fixture
def client(settings: ServiceSettings, tmp_path: Path) -> Iterator[TestClient]:
    audit = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem",
                          seal_interval_seconds=60)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as client:
        yield acting(client, DEPT, supervisor_unit=REGION)


def the_record(client: TestClient) -> tuple[Any, ...]:
    timeline = client.get("/cadres/cadre-a/timeline").json()["entries"]
    return (
        [(e["source"], e["type"]) for e in timeline],
        client.get(f"/cases/{CASE_A.case_id}").json()["status"],
        client.get("/statistics", headers=SUPERVISOR).json(),
    )


def forged(source: str, event_type: str, data: dict[str, Any], n: int) -> Envelope:
    return Envelope(id=f"forged-{n}", type=event_type, version=1, source=source,
                    occurred_at=T0 + timedelta(days=300 + n), cadre_id="cadre-a", data=data)


def forgeries() -> list[tuple[str, Envelope, str]]:
    events = whole_case()
    corrected = next(e for e in events if e.type == "AdjustmentCorrected").envelope.data
    revoked = {**corrected, "outcome": "revoked", "reason": "伪造的撤销"}
    signal = {**events[0].envelope.data, "signal_id": "sig-forged", "source_system": "discipline"}
    return [
        # The petitions user on its own subject, claiming to be the adjustment service.
        ("cadre.intake.petitions.adjustment_corrected.v1",
         forged("adjustment", "AdjustmentCorrected", revoked, 1), "subject:"),
        # The petitions user reporting as the discipline system.
        ("cadre.intake.petitions.circumstance_reported.v1",
         forged("petitions", "CircumstanceReported", signal, 2), "data.source_system:"),
        # A service's event type under the producer's own name.
        ("cadre.intake.petitions.adjustment_corrected.v1",
         forged("petitions", "AdjustmentCorrected", revoked, 3), "type:"),
    ]


async def publish_raw(url: str, subject: str, envelope: Envelope) -> None:
    nc = await nats.connect(url)
    try:
        await nc.jetstream().publish(subject, encode(envelope), headers={"Nats-Msg-Id": envelope.id})
    finally:
        await nc.close()


def test_each_forgery_is_dead_lettered_with_its_reason_and_the_record_is_unchanged(
    client: TestClient, settings: ServiceSettings
) -> None:
    events = whole_case()
    asyncio.run(publish(settings.nats_url, events))

    async def recorded() -> bool:
        return len(client.get("/cadres/cadre-a/timeline").json().get("entries", [])) == len(events)

    asyncio.run(eventually(recorded))
    before = the_record(client)
    for subject, envelope, _ in forgeries():
        asyncio.run(publish_raw(settings.nats_url, subject, envelope))

    async def dead_letters() -> list[Any]:
        found = await read_subject(settings.nats_url, DEAD_LETTER_STREAM, "cadre.deadletter.audit")
        return found if len(found) >= 3 else []

    letters = asyncio.run(eventually(dead_letters))
    reasons = [(m.headers[ORIGINAL_SUBJECT_HEADER], m.headers[REASON_HEADER]) for m in letters]
    for (subject, _, field), (original, reason) in zip(forgeries(), reasons, strict=True):
        assert original == subject
        assert reason.startswith(f"contract violation: provenance: {field}"), reason
    assert the_record(client) == before
    assert before[1] != "revoked"
    admin = headers_for("administrator", "org:central")
    assert client.post("/integrity/checkpoints", headers=admin).json()["sealed"] >= 1
    assert client.get("/integrity/verify", headers=admin).json()["ok"] is True
