"""Real servers for the suite: embedded PostgreSQL (one per session, a database per test) and a
NATS JetStream server per test, all bound to 127.0.0.1 on free ports and stopped by PID."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.embedded.nats_server import EmbeddedNats
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.settings import ServiceSettings
from tests.access import ISSUER

# Every service built in this session trusts the session's test issuer (tests/access.py).
os.environ["CADRE_JWT_PUBLIC_KEY"] = ISSUER.public_pem


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[EmbeddedPostgres]:
    # Not under pytest's basetemp: pytest keeps that root private (0700), and postgres runs as
    # its own system user when the suite runs as root.
    root = Path(tempfile.mkdtemp(prefix="cadre-test-pg-"))
    server = EmbeddedPostgres(root / "data").start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def database(postgres_server: EmbeddedPostgres) -> str:
    """A fresh database for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(name)
    return name


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[EmbeddedNats]:
    server = EmbeddedNats(tmp_path / "nats").start()
    yield server
    server.stop()


@pytest.fixture
def settings(
    postgres_server: EmbeddedPostgres, database: str, nats_server: EmbeddedNats
) -> ServiceSettings:
    return ServiceSettings(
        cadre_env="test",
        nats_url=nats_server.url,
        postgres_host="127.0.0.1",
        postgres_port=postgres_server.port,
        postgres_dbname=database,
        postgres_user=postgres_server.user,
        cadre_clock="adjustable",
        cadre_scan_interval_seconds=0.2,
        cadre_relay_interval_seconds=0.05,
    )
