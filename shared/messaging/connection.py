"""Connecting to NATS with the service's own credentials."""

from __future__ import annotations

import nats
from nats.aio.client import Client

from shared.settings import ServiceSettings


async def connect(settings: ServiceSettings, name: str) -> Client:
    options: dict[str, object] = {
        "name": name,
        "max_reconnect_attempts": -1,  # a service outlives NATS restarts
        "reconnect_time_wait": 0.5,
        "connect_timeout": 5,
    }
    if settings.nats_user:
        options.update(user=settings.nats_user, password=settings.nats_password or "")
    return await nats.connect(settings.nats_url, **options)  # type: ignore[arg-type]
