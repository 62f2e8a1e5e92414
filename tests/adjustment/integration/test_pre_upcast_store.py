"""A store written before the decision recorded its meeting (AdjustmentCase.Decided v1, fixture
`tests/fixtures/pre_upcast_adjustment_store.json`, written by the commit it names with
`make_pre_upcast_store.py`) replays in today's service on real PostgreSQL and NATS.

The v1 decision is read as v2 (`upcast_v1_v2`): the votes it had, plainly None where v1 recorded
nothing, never a guessed number; the case, its appeal and its quota ledger stand as before, and
the relay publishes AdjustmentDecided v1 and, beside it, v2."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from fastapi.testclient import TestClient

from services.adjustment.bootstrap import bootstrap
from services.adjustment.routers import ROUTERS
from shared.contract.envelope import STREAM_NAME
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.service_host import create_api
from tests.access import acting
from tests.adjustment.integration.conftest import CITY, infrastructure
from tests.helpers import read_subject

FIXTURE = Path(__file__).parents[2] / "fixtures" / "pre_upcast_adjustment_store.json"


def published(nats_url: str, version: int, case_id: str) -> list[dict[str, Any]]:
    subject = f"cadre.adjustment.adjustment_decided.v{version}"
    deadline = time.monotonic() + 15
    while True:
        bodies = asyncio.run(read_subject(nats_url, STREAM_NAME, subject))
        found = [b for b in (json.loads(m.data) for m in bodies) if b["data"]["case_id"] == case_id]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_an_old_store_replays_after_the_upcast(postgres_server: EmbeddedPostgres) -> None:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    case_id = fixture["case_id"]
    with infrastructure(postgres_server) as settings:
        runtime = bootstrap(settings)
        runtime.app.recorder.insert_events([
            StoredEvent(originator_id=UUID(e["originator_id"]), originator_version=e["originator_version"],
                        topic=e["topic"], state=base64.b64decode(e["state"]))
            for e in fixture["events"]
        ])
        with acting(TestClient(create_api(runtime, ROUTERS, title="adjustment")), CITY) as client:
            case = client.get(f"/cases/{case_id}")
            assert case.status_code == 200, case.text
            view = case.json()
            assert view["steps_done"] == ["verify_determine", "propose", "decide", "talk", "formalities"]
            decision = view["decision"]
            assert decision["meeting_date"] == "2026-05-20" and decision["recorded_under"] == "v1"
            assert decision["meeting"] == {"members_expected": None, "present": None, "votes_for": 9,
                                           "votes_against": 0, "abstaining": None, "consensus": False}
            assert decision["consultation"] is None  # v1 said "not consulted"; no dual management
            assert "votes_for" not in decision and "co_managing_consulted" not in decision
            assert view["formalities"]["effective_on"] == "2026-06-01"

            appeals = client.get("/appeals", params={"cadre_id": "cadre-pre-1"})
            assert appeals.status_code == 200 and len(appeals.json()) == 1
            quota = client.get("/quotas/unit:bureau/一级调研员")
            assert quota.status_code == 200, quota.text

            # The old decision goes out in both versions: v1 as it always did, v2 beside it.
            [v1] = published(settings.nats_url, 1, case_id)
            [v2] = published(settings.nats_url, 2, case_id)
            assert v1["version"] == 1 and v2["version"] == 2 and v1["id"] != v2["id"]
            assert v2["data"]["meeting"]["votes_for"] == 9 and v2["data"]["meeting"]["present"] is None
            assert v2["data"]["meeting_rule"] is None and v2["data"]["pack_version"] == 1
            assert v1["data"]["decided_on"] == v2["data"]["decided_on"] == "2026-05-20"
