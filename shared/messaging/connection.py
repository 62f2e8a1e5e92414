"""Connecting to NATS with the service's own credentials."""

from __future__ import annotations

import ssl
from pathlib import Path
from urllib.parse import urlparse

import nats
from nats.aio.client import Client

from shared.messaging.permissions import inbox_prefix
from shared.settings import ServiceSettings


def client_tls(ca_file: Path) -> ssl.SSLContext:
    """TLS that trusts only the deployment's own certificate authority."""
    return ssl.create_default_context(cafile=str(ca_file))


async def connect_as_producer(url: str, ca_file: Path | None = None) -> Client:
    """A producer system's connection: the user named in the URL, reading only its own inbox."""
    user = urlparse(url).username
    options: dict[str, object] = {"connect_timeout": 5, "allow_reconnect": False}
    if user:
        options["inbox_prefix"] = inbox_prefix(user)
    if ca_file is not None:
        options["tls"] = client_tls(ca_file)
    return await nats.connect(url, **options)


async def connect(settings: ServiceSettings, name: str) -> Client:
    options: dict[str, object] = {
        "name": name,
        "max_reconnect_attempts": -1,  # a service outlives NATS restarts
        "reconnect_time_wait": 0.5,
        "connect_timeout": 5,
    }
    if settings.nats_user:
        # Replies come only on the user's own inbox prefix, the one its permissions allow.
        options.update(user=settings.nats_user, password=settings.nats_password or "",
                       inbox_prefix=inbox_prefix(settings.nats_user))
    if settings.nats_tls_ca is not None:
        options["tls"] = client_tls(settings.nats_tls_ca)
    return await nats.connect(settings.nats_url, **options)  # type: ignore[arg-type]
