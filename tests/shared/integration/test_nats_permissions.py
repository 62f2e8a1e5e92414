"""The NATS server itself refuses publishes outside a user's subjects (per-user permissions)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import pytest

from shared.contract.envelope import STREAM_NAME
from shared.embedded.nats_server import EmbeddedNats
from shared.messaging.permissions import all_users, authorization_block, new_passwords
from shared.messaging.streams import ensure_streams
from tests.helpers import read_subject


@pytest.fixture
def secured_nats(tmp_path: Path):  # type: ignore[no-untyped-def]
    passwords = new_passwords()
    config = tmp_path / "nats.conf"
    config.write_text(authorization_block(all_users(passwords)))
    server = EmbeddedNats(tmp_path / "nats", config_file=config).start()
    yield server, passwords
    server.stop()


def url(server: EmbeddedNats, user: str, passwords: dict[str, str]) -> str:
    return f"nats://{user}:{passwords[user]}@127.0.0.1:{server.port}"


async def publish_as(address: str, subject: str) -> list[str]:
    """Publish once and collect the errors the server sends back."""
    errors: list[str] = []

    async def on_error(error: Exception) -> None:
        errors.append(str(error))

    nc = await nats.connect(address, error_cb=on_error, allow_reconnect=False)
    await nc.publish(subject, b"{}")
    await nc.flush()
    await asyncio.sleep(0.3)
    await nc.close()
    return errors


def test_a_producer_may_publish_only_under_its_own_intake_subjects(secured_nats) -> None:  # type: ignore[no-untyped-def]
    server, passwords = secured_nats

    async def scenario() -> tuple[list[str], list[str], list[str], int]:
        admin = await nats.connect(url(server, "admin", passwords))
        await ensure_streams(admin.jetstream())
        await admin.close()
        own = await publish_as(url(server, "petitions", passwords),
                               "cadre.intake.petitions.circumstance_reported.v1")
        foreign = await publish_as(url(server, "petitions", passwords),
                                   "cadre.intake.discipline.circumstance_reported.v1")
        service = await publish_as(url(server, "identification", passwords),
                                   "cadre.adjustment.adjustment_executed.v1")
        stored = await read_subject(url(server, "admin", passwords), STREAM_NAME, "cadre.>")
        return own, foreign, service, len(stored)

    own, foreign, service, stored = asyncio.run(scenario())
    assert own == []
    assert any("permissions violation" in e.lower() and "discipline" in e for e in foreign)
    assert any("permissions violation" in e.lower() for e in service)
    assert stored == 1  # only the permitted message reached the stream


def test_a_service_cannot_delete_or_purge_the_record_stream(secured_nats) -> None:  # type: ignore[no-untyped-def]
    server, passwords = secured_nats

    async def scenario() -> list[str]:
        admin = await nats.connect(url(server, "admin", passwords))
        await ensure_streams(admin.jetstream())
        await admin.close()
        return await publish_as(url(server, "audit", passwords),
                                f"$JS.API.STREAM.DELETE.{STREAM_NAME}")

    errors = asyncio.run(scenario())
    assert any("permissions violation" in e.lower() for e in errors)
