"""One real adjustment service per test module (real NATS, real PostgreSQL), driven over HTTP.

Cases are opened the way production opens them: an `UnsuitabilityDetermined` published on
JetStream and consumed by the service. Each test opens its own cases, so tests stay independent
while the module shares one running service (starting one per test would dominate the run time).

The client acts as the natural principal of each request in `CITY`, the unit managing the cadres
these tests open; the organisation tree is the demo tree with `CITY` and its units added.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import nats
import pytest
from fastapi.testclient import TestClient
from nats.js.api import ConsumerConfig, DeliverPolicy

from services.adjustment.bootstrap import bootstrap
from services.adjustment.routers import ROUTERS
from shared.access.org_tree import BUNDLED
from shared.clock import AdjustableClock
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.contract.envelope import STREAM_NAME, snake
from shared.embedded.nats_server import EmbeddedNats
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.service_host import ServiceRuntime, create_api
from shared.settings import ServiceSettings
from tests.access import acting, headers_for

_serial = itertools.count(1)
CITY = "org:city"
# The test city sits in the demo tree beside the real municipalities, with the units its cases name.
CITY_UNITS = {CITY: "org:inner-mongolia-region", "unit:bureau": CITY, "unit:housing": CITY}


@dataclass
class Service:
    client: TestClient
    runtime: ServiceRuntime
    nats_url: str

    @property
    def clock(self) -> AdjustableClock:
        assert isinstance(self.runtime.clock, AdjustableClock)
        return self.runtime.clock

    def open_case(
        self, *, role: str = "party_committee_head", pack_id: str = "IM-2022",
        articles: tuple[str, ...] = ("art. 6(8)",), co_managing_unit: str | None = None,
        post: str = "局长", rank: str = "正处级", cadre_id: str | None = None,
        managing_unit: str = CITY, unit_id: str = "unit:bureau",
    ) -> str:
        """Publish a determination as identification would and wait for the case it opens."""
        n = next(_serial)
        concern_id = f"concern-{uuid.uuid4().hex[:8]}"
        payload = contract.UnsuitabilityDetermined(
            concern_id=concern_id,
            cadre=contract.CadreRef(cadre_id=cadre_id or f"cadre-adj-{n}", name="张三", unit_id=unit_id,
                                    post=post, rank=rank, role=role),  # type: ignore[arg-type]
            authority=contract.Authority(managing_unit=managing_unit, co_managing_unit=co_managing_unit,
                                         pack_id=pack_id),
            circumstances=[contract.Citation(pack_id=pack_id, article=a) for a in articles],
            evidence_refs=["ev-1"], determined_by="组织部 李敏", determined_on=date(2026, 5, 6),
        )
        envelope = envelope_for(payload, event_id=f"det-{concern_id}", source="identification",
                                cadre_id=payload.cadre.cadre_id, occurred_at=datetime.now().astimezone())
        asyncio.run(_publish(self.nats_url, envelope.subject(), encode(envelope), envelope.id))
        case_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"cadre:adjustment-case:{concern_id}"))
        deadline = time.monotonic() + 15
        officer = headers_for("case_officer", managing_unit)
        while self.client.get(f"/cases/{case_id}", headers=officer).status_code != 200:
            assert time.monotonic() < deadline, "the case was not opened"
            time.sleep(0.05)
        return case_id

    def published(
        self, event_type: str, case_id: str | None = None, source: str = "adjustment"
    ) -> list[dict[str, Any]]:
        """The data of every `event_type` a service published (optionally for one case)."""
        subject = f"cadre.{source}.{snake(event_type)}.v1"
        data = [json.loads(body)["data"] for body in asyncio.run(_read(self.nats_url, subject))]
        return [d for d in data if case_id is None or d.get("case_id") == case_id]

    def wait_published(
        self, event_type: str, case_id: str, count: int = 1, source: str = "adjustment"
    ) -> list[dict[str, Any]]:
        deadline = time.monotonic() + 15
        while True:
            found = self.published(event_type, case_id, source)
            if len(found) >= count:
                return found
            assert time.monotonic() < deadline, f"{event_type} for {case_id} was not published"
            time.sleep(0.1)


async def _read(url: str, subject: str) -> list[bytes]:
    """Every message on a subject, via an ephemeral consumer.

    Unlike tests.helpers.read_subject this also ends on the plain asyncio.TimeoutError that
    nats-py's fetch raises when its deadline runs out between its two pull requests (under load).
    """
    nc = await nats.connect(url)
    try:
        sub = await nc.jetstream().pull_subscribe(
            subject, stream=STREAM_NAME,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=5),
        )
        bodies: list[bytes] = []
        while True:
            try:
                batch = await sub.fetch(100, timeout=0.5)
            except TimeoutError:  # nats.errors.TimeoutError is a subclass
                return bodies
            for message in batch:
                await message.ack()
            bodies.extend(message.data for message in batch)
    finally:
        await nc.close()


async def _publish(url: str, subject: str, body: bytes, message_id: str) -> None:
    nc = await nats.connect(url)
    try:
        await nc.jetstream().publish(subject, body, headers={"Nats-Msg-Id": message_id})
    finally:
        await nc.close()


@contextmanager
def infrastructure(postgres_server: EmbeddedPostgres) -> Iterator[ServiceSettings]:
    """Settings for a fresh database and a fresh NATS server, stopped afterwards."""
    database = f"t_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(database)
    root = Path(tempfile.mkdtemp(prefix="cadre-adj-nats-"))
    tree = json.loads(BUNDLED.read_text(encoding="utf-8"))
    tree["units"].update(CITY_UNITS)
    (root / "org_tree.json").write_text(json.dumps(tree), encoding="utf-8")
    nats_server = EmbeddedNats(root / "nats").start()
    try:
        yield ServiceSettings(
            cadre_env="test", nats_url=nats_server.url, postgres_host="127.0.0.1",
            postgres_port=postgres_server.port, postgres_dbname=database,
            postgres_user=postgres_server.user, cadre_clock="adjustable",
            cadre_scan_interval_seconds=0.2, cadre_relay_interval_seconds=0.05,
            cadre_org_tree_file=root / "org_tree.json",
        )
    finally:
        nats_server.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def adjustment_service(settings: ServiceSettings) -> Iterator[Service]:
    runtime = bootstrap(settings)
    with TestClient(create_api(runtime, ROUTERS, title="adjustment")) as client:
        yield Service(client=acting(client, CITY), runtime=runtime, nats_url=settings.nats_url)


@pytest.fixture(scope="module")
def service(postgres_server: EmbeddedPostgres) -> Iterator[Service]:
    with infrastructure(postgres_server) as settings, adjustment_service(settings) as running:
        yield running
