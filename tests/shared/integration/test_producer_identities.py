"""Producer and service identities on a real NATS server configured from the producer registry:
each party publishes and reads only its own subjects and inbox, services cannot administer the
streams, a producer added to the registry data works, and JetStream's files hold no plain text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import pytest

from shared.contract.envelope import STREAM_NAME
from shared.messaging.connection import connect_as_producer
from shared.messaging.consumption import CONSUMES
from shared.messaging.permissions import inbox_prefix, receipts_subject
from shared.producers.registry import parse_registry, producer_registry
from tests.secured_nats import start_secured

pytestmark = pytest.mark.integration
SUBJECT = "cadre.intake.{}.circumstance_reported.v1"


def start(tmp_path: Path, registry=None, encrypted: bool = True):  # type: ignore[no-untyped-def]
    server, url, _ = start_secured(tmp_path, registry, encrypted=encrypted)
    return server, url


@pytest.fixture
def secured(tmp_path: Path):  # type: ignore[no-untyped-def]
    server, url = start(tmp_path)
    yield url
    server.stop()


async def denied_subscription(url: str, user: str, subject: str) -> list[str]:
    errors: list[str] = []

    async def on_error(error: Exception) -> None:
        errors.append(str(error).lower())

    nc = await nats.connect(url, error_cb=on_error, allow_reconnect=False,
                            inbox_prefix=inbox_prefix(user))
    await nc.subscribe(subject)
    await nc.flush()
    await asyncio.sleep(0.3)
    await nc.close()
    return errors


def test_a_registered_producer_publishes_and_reads_only_its_own_receipts(secured) -> None:  # type: ignore[no-untyped-def]
    url = secured

    async def scenario() -> tuple[bool, bytes, list[str], list[str], bool]:
        petitions = await connect_as_producer(url("petitions"))
        ack = await petitions.jetstream().publish(SUBJECT.format("petitions"), b"{}",
                                                  headers={"Nats-Msg-Id": "petitions:1"})
        receipts = await petitions.subscribe(f"{receipts_subject('petitions')}.>")
        await petitions.flush()
        identification = await nats.connect(url("identification"),
                                            inbox_prefix=inbox_prefix("identification"))
        await identification.publish(f"{receipts_subject('petitions')}.accepted", b"receipt")
        await identification.flush()
        receipt = await receipts.next_msg(timeout=2)
        others = await denied_subscription(url("petitions"), "petitions",
                                           f"{receipts_subject('discipline')}.>")
        inboxes = await denied_subscription(url("petitions"), "petitions", "_INBOX.>")
        try:  # publishing under another producer's name is refused, so no ack comes back
            await petitions.jetstream().publish(SUBJECT.format("discipline"), b"{}", timeout=1)
            forged = True
        except Exception:
            forged = False
        await identification.close()
        await petitions.close()
        return ack.stream == STREAM_NAME, receipt.data, others, inboxes, forged

    stored, receipt, others, inboxes, forged = asyncio.run(scenario())
    assert stored and receipt == b"receipt"
    assert any("permissions violation" in e and "receipts.discipline" in e for e in others)
    assert any("permissions violation" in e and "_inbox" in e for e in inboxes)
    assert not forged


def test_a_service_reads_only_its_own_inbox_and_cannot_administer_streams_or_consumers(secured) -> None:  # type: ignore[no-untyped-def]
    url = secured

    async def scenario() -> tuple[list[str], list[bool]]:
        inboxes = await denied_subscription(url("adjustment"), "adjustment", "_INBOX_audit.>")
        audit = await nats.connect(url("audit"), inbox_prefix=inbox_prefix("audit"))
        js = audit.jetstream(timeout=1)
        outcomes = []
        for attempt in (
            js.delete_stream(STREAM_NAME),
            js.purge_stream(STREAM_NAME),
            js.update_stream(name=STREAM_NAME, subjects=["cadre.>"]),
            js.add_stream(name="SHADOW", subjects=["shadow.>"]),
            js.delete_consumer(STREAM_NAME, "identification"),
            js.add_consumer(STREAM_NAME, durable_name="identification", name="identification"),
            # Not even its own: a consumer's filter is in the request body, so a service that could
            # make its consumer could filter ">" and read every event on the stream.
            js.add_consumer(STREAM_NAME, durable_name="audit", name="audit", filter_subject=">"),
        ):
            try:
                await attempt
                outcomes.append(True)
            except Exception:
                outcomes.append(False)
        # The consumer the operator made for it is there, filtering what it consumes.
        info = await js.consumer_info(STREAM_NAME, "audit")
        outcomes.append(sorted(info.config.filter_subjects or []) == sorted(CONSUMES["audit"]))
        await audit.close()
        followup = await nats.connect(url("followup"), inbox_prefix=inbox_prefix("followup"))
        fjs = followup.jetstream(timeout=1)
        try:
            await fjs.add_consumer(STREAM_NAME, durable_name="followup", name="followup",
                                   filter_subjects=["cadre.>"])
            outcomes.append(True)
        except Exception:
            outcomes.append(False)
        info = await fjs.consumer_info(STREAM_NAME, "followup")
        outcomes.append("cadre.>" not in (info.config.filter_subjects or []))
        await followup.close()
        return inboxes, outcomes

    inboxes, outcomes = asyncio.run(scenario())
    assert any("permissions violation" in e for e in inboxes)
    assert outcomes == [False, False, False, False, False, False, False, True, False, True]


def test_a_producer_added_to_the_registry_data_connects_and_publishes(tmp_path: Path) -> None:
    raw = {"producers": [{"name": p.name, "publishes": list(p.publishes)}
                         for p in producer_registry().producers]}
    raw["producers"].append({"name": "emergency_management", "zh": "应急管理部门",
                             "en": "Emergency management (IM 12)"})
    server, url = start(tmp_path, parse_registry(raw))

    async def scenario() -> bool:
        nc = await connect_as_producer(url("emergency_management"))
        ack = await nc.jetstream().publish(SUBJECT.format("emergency_management"), b"{}")
        await nc.close()
        return ack.seq >= 1

    try:
        assert asyncio.run(scenario())
    finally:
        server.stop()


PERSONAL = "王建国 涉嫌违规收受礼金 信访件".encode()


def store_bytes(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (root / "nats" / "jetstream").rglob("*") if p.is_file())


@pytest.mark.parametrize("encrypted", [True, False])
def test_jetstream_store_files_hold_no_personal_data_in_plain_text(tmp_path: Path, encrypted: bool) -> None:
    server, url = start(tmp_path, encrypted=encrypted)

    async def scenario() -> None:
        nc = await connect_as_producer(url("petitions"))
        await nc.jetstream().publish(SUBJECT.format("petitions"), PERSONAL)
        await nc.close()

    try:
        asyncio.run(scenario())
    finally:
        server.stop()  # flushes the store files
    found = PERSONAL in store_bytes(tmp_path)
    assert found is not encrypted  # plain without the cipher (the probe works), absent with it


def test_the_personnel_system_publishes_its_register_changes_under_its_own_name(secured) -> None:  # type: ignore[no-untyped-def]
    url = secured

    async def scenario() -> tuple[int, bool]:
        personnel = await connect_as_producer(url("personnel"))
        js = personnel.jetstream(timeout=1)
        ack = await js.publish("cadre.intake.personnel.cadre_registered.v1", b"{}")
        petitions = await connect_as_producer(url("petitions"))
        try:  # the register is the personnel system's alone
            await petitions.jetstream(timeout=1).publish("cadre.intake.petitions.cadre_registered.v1", b"{}")
            forged = True
        except Exception:
            forged = False
        await petitions.close()
        await personnel.close()
        return ack.seq, forged

    seq, forged = asyncio.run(scenario())
    assert seq >= 1 and not forged
