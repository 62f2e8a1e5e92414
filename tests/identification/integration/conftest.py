"""A running identification service shared by the tests of one module (real NATS and PostgreSQL).

The table-driven tests make many requests against one service; starting a server per row would
cost more than the rows themselves. Every row uses its own cadre and unit ids, so rows stay
independent although they share a database.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.identification.api import router
from services.identification.bootstrap import bootstrap
from shared.embedded.nats_server import EmbeddedNats
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.service_host import ServiceRuntime, create_api
from shared.settings import ServiceSettings
from tests.access import acting

# The unit whose committee manages the cadres of the module-scoped tests (their feeds name it).
MODULE_UNIT = "org:test"


def service_client(settings: ServiceSettings, unit: str | None = None) -> tuple[ServiceRuntime, TestClient]:
    """The service and a client; with `unit`, every request is signed as a principal of it."""
    runtime = bootstrap(settings)
    client = TestClient(create_api(runtime, [router], title="identification"))
    return runtime, acting(client, unit) if unit else client


@pytest.fixture(scope="module")
def module_settings(postgres_server: EmbeddedPostgres) -> Iterator[ServiceSettings]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(name)
    nats = EmbeddedNats(Path(tempfile.mkdtemp(prefix="cadre-test-nats-")) / "nats").start()
    yield ServiceSettings(
        cadre_env="test", nats_url=nats.url, postgres_host="127.0.0.1",
        postgres_port=postgres_server.port, postgres_dbname=name,
        postgres_user=postgres_server.user, cadre_clock="adjustable",
        cadre_scan_interval_seconds=0.2, cadre_relay_interval_seconds=0.05,
    )
    nats.stop()


@pytest.fixture(scope="module")
def client(module_settings: ServiceSettings) -> Iterator[TestClient]:
    _, test_client = service_client(module_settings, MODULE_UNIT)
    with test_client:
        for unit, pack in (("j-im", "IM-2022"), ("j-lg", "LG-2020"), ("j-wy", "WY-2019")):
            response = test_client.put(f"/jurisdictions/{unit}/pack", json={
                "pack_id": pack, "on_behalf_of": "市委组织部", "bound_on": "2026-01-05"})
            assert response.status_code == 200, response.text
        yield test_client
