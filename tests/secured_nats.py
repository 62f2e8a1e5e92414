"""A real nats-server configured as deployments are: users from the producer registry and the
contract (shared/messaging/permissions.py), JetStream encrypted, the streams made by the admin."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import nats

from shared.embedded.nats_server import EmbeddedNats, jetstream_encryption_block
from shared.messaging.consumption import ensure_consumers
from shared.messaging.permissions import all_users, authorization_block, new_passwords
from shared.messaging.streams import ensure_streams
from shared.producers.registry import ProducerRegistry

UrlFor = Callable[[str], str]


def start_secured(tmp_path: Path, registry: ProducerRegistry | None = None, *, encrypted: bool = True,
                  extra: str = "", scheme: str = "nats",
                  admin_options: dict[str, object] | None = None,
                  ) -> tuple[EmbeddedNats, UrlFor, dict[str, str]]:
    passwords = new_passwords(registry)
    config = tmp_path / "nats.conf"
    text = authorization_block(all_users(passwords, registry))
    config.write_text(text + (jetstream_encryption_block("ab" * 32) if encrypted else "") + extra)
    server = EmbeddedNats(tmp_path / "nats", config_file=config).start()

    def url(user: str) -> str:
        return f"{scheme}://{user}:{passwords[user]}@127.0.0.1:{server.port}"

    async def provision() -> None:
        admin = await nats.connect(url("admin"), **(admin_options or {}))  # type: ignore[arg-type]
        await ensure_streams(admin.jetstream())
        await ensure_consumers(admin.jetstream(), registry)  # the operator's step (`cadre streams`)
        await admin.close()

    try:
        asyncio.run(provision())
    except BaseException:
        server.stop()
        raise
    return server, url, passwords
