"""The audit service on real NATS and PostgreSQL: a whole case arrives as published, duplicates
change nothing, supervisors replay it as of any moment (and their reads are recorded), the log
verifies, and a row edited directly in PostgreSQL is named as the first broken entry.

Requests are signed as the principal who would make them (tests/access.py): the managing unit's
case officer, a supervisor of the region with a stated purpose, the administrator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient

from services.audit.api import router
from services.audit.bootstrap import bootstrap
from services.audit.settings import AuditSettings
from shared.access.principal import Principal
from shared.contract.codec import IntegrationEvent
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import ISSUER, acting, headers_for
from tests.audit.case_events import CASE_A, publish, whole_case
from tests.helpers import eventually

pytestmark = pytest.mark.integration
DEPT, REGION = "org:baotou-municipal", "org:inner-mongolia-region"
# Said outright where the request is not a case officer's, whichever role `acting` would infer.
SUPERVISOR = headers_for("supervisor", REGION)
ADMIN = headers_for("administrator", "org:central")


@pytest.fixture
def client(settings: ServiceSettings, tmp_path: Path) -> Iterator[TestClient]:
    audit = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem", seal_interval_seconds=60)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as client:
        yield acting(client, DEPT, supervisor_unit=REGION)


def fed(client: TestClient, settings: ServiceSettings) -> list[IntegrationEvent]:
    events = whole_case()
    ids = [e.id for e in events]
    # The sixth event again under another message id: JetStream lets it through, the inbox does not.
    asyncio.run(publish(settings.nats_url, [*events, events[5]], [*ids, "resent-" + ids[5]]))

    async def recorded() -> Any:
        response = client.get("/cadres/cadre-a/timeline")
        return response.status_code == 200 and len(response.json()["entries"]) >= len(events)

    asyncio.run(eventually(recorded))
    return events


def test_the_record_matches_what_was_published_and_replays_as_of_each_step(
    client: TestClient, settings: ServiceSettings
) -> None:
    events = fed(client, settings)
    timeline = client.get("/cadres/cadre-a/timeline").json()["entries"]
    assert [(e["source"], e["type"], e["data"]) for e in timeline] == [
        (e.envelope.source, e.type, e.envelope.data) for e in events]
    case = client.get(f"/cases/{CASE_A.case_id}/timeline").json()
    assert case["cadre_id"] == "cadre-a" and len(case["entries"]) == len(events)
    # As of the talk's day (its effective time, as the adjustment service stated it), not as of
    # when it was stored.
    talk = next(e for e in events if e.envelope.data.get("step") == "talk").envelope.data["on"]
    state = f"/cases/{CASE_A.case_id}"
    before = client.get(state, params={"as_of": "2026-05-24T23:59:59+08:00"}).json()
    after = client.get(state, params={"as_of": talk}).json()
    assert (before["status"], after["status"]) == ("decided", "talked")
    assert client.get(f"/cases/{CASE_A.case_id}").json()["corrections"][0]["outcome"] == "modified"
    assert client.get("/compliance/cadres/cadre-a", headers=SUPERVISOR).json() == []


def test_supervisor_reads_are_limited_to_their_units_and_recorded(
    client: TestClient, settings: ServiceSettings
) -> None:
    fed(client, settings)
    zhao = headers_for("supervisor", REGION, "zhao", "annual-inspection")
    assert client.get(f"/cases/{CASE_A.case_id}/timeline", headers=zhao).status_code == 200
    qian = headers_for("supervisor", "org:hohhot-municipal", "qian", "annual-inspection")
    refused = client.get("/cadres/cadre-a/timeline", headers=qian)
    assert refused.status_code == 403 and refused.json()["rule"] == "jurisdiction.subtree"
    unexplained = ISSUER.headers(Principal("sun", "supervisor", "org:central"))  # no X-Cadre-Reason
    assert client.get("/cadres/cadre-a/timeline", headers=unexplained).status_code == 400
    reads = client.get("/supervisor-reads", headers=SUPERVISOR).json()
    assert [(r["reader"], r["reader_unit"], r["reason"], r["allowed"]) for r in reads] == [
        ("zhao", "org:inner-mongolia-region", "annual-inspection", True),
        ("qian", "org:hohhot-municipal", "annual-inspection", False)]
    assert reads[0]["what"] == f"GET /cases/{CASE_A.case_id}/timeline"
    [denial] = client.get("/access-log", params={"outcome": "denied"}, headers=SUPERVISOR).json()
    assert (denial["principal"], denial["rule"], denial["cadre_id"], denial["service"]) == (
        "qian", "jurisdiction.subtree", "cadre-a", "audit")


def test_the_log_verifies_until_a_row_is_edited_in_postgresql(
    client: TestClient, settings: ServiceSettings, tmp_path: Path
) -> None:
    events = fed(client, settings)
    assert client.post("/integrity/checkpoints", headers=ADMIN).json()["sealed"] >= 1
    report = client.get("/integrity/verify", headers=ADMIN).json()
    assert report["ok"] and report["first_broken"] is None and report["unsealed_rows"] == 0
    proof = client.get(f"/integrity/events/{events[9].id}/proof", headers=ADMIN).json()
    assert proof["valid"] and proof["entry"]["topic"].endswith("CadreRecord.EntryRecorded")
    assert "state" not in proof["entry"] and len(proof["entry"]["state_sha256"]) == 64  # no contents
    target = proof["entry"]["notification_id"]

    with psycopg.connect(host="127.0.0.1", port=settings.postgres_port, dbname=settings.postgres_dbname,
                         user=settings.postgres_user, autocommit=True) as conn:
        # The row's content follows its 36-byte writer proof (the test store is not encrypted).
        conn.execute("UPDATE audit.audit_events SET state = substring(state from 1 for 36) || "
                     "convert_to(replace(convert_from(substring(state from 37), 'UTF8'), '李敏', '张三'), "
                     "'UTF8') WHERE notification_id = %s", (target,))

    report = client.get("/integrity/verify", headers=ADMIN).json()
    assert not report["ok"]
    assert report["first_broken"]["notification_id"] == target
    assert report["first_broken"]["topic"].endswith("CadreRecord.EntryRecorded")
    assert client.get(f"/integrity/entries/{target}/proof", headers=ADMIN).json()["valid"] is False
    # After a restart (nothing held in memory), the cadre's timeline names the broken entry
    # instead of failing, and shows none of the edited text.
    audit = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem", seal_interval_seconds=60)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as restarted:
        timeline = acting(restarted, DEPT).get("/cadres/cadre-a/timeline")
    assert timeline.status_code == 200
    [broken] = [e for e in timeline.json()["entries"] if e["type"] == "BrokenEntry"]
    assert "writer proof does not match" in broken["broken"]["problem"] and "张三" not in timeline.text


def test_the_filing_report_submission_and_statistics(client: TestClient, settings: ServiceSettings) -> None:
    fed(client, settings)
    report = client.get(f"/filings/{DEPT}/2026").json()
    assert report["adjustments"] == 1 and report["items"][0]["missing_fields"] == []
    assert report["status"]["due_on"] == "2027-01-31"
    page = client.get(f"/filings/{DEPT}/2026/print")
    assert page.headers["content-type"].startswith("text/html") and "调整依据" in page.text
    submitted = client.post(f"/filings/{DEPT}/2026/submission",
                            json={"on_behalf_of": "市委组织部", "submitted_on": "2027-01-20"}).json()
    assert submitted["state"] == "submitted" and submitted["submission"]["late"] is False
    acknowledged = client.post(f"/filings/{DEPT}/2026/acknowledgement",
                               json={"on_behalf_of": "自治区党委组织部", "acknowledged_on": "2027-01-25"},
                               headers=SUPERVISOR)
    assert acknowledged.json()["state"] == "acknowledged"
    assert client.post(f"/filings/{DEPT}/2026/acknowledgement",
                       json={"on_behalf_of": "自治区党委组织部"}, headers=SUPERVISOR).status_code == 409
    stats = client.get("/statistics", params={"year": 2026}, headers=SUPERVISOR).json()
    assert stats["adjusted"] == 1 and stats["appeal_outcomes"] == {"modified": 1}
    hohhot = headers_for("supervisor", "org:hohhot-municipal")
    assert client.get("/statistics", params={"year": 2026}, headers=hohhot).json()["adjusted"] == 0


def test_an_unsubmitted_filing_is_flagged_overdue_after_january(client: TestClient, settings: ServiceSettings
                                                                ) -> None:
    fed(client, settings)
    today = client.get("/clock").json()["today"]
    assert client.get(f"/filings/{DEPT}/2026").json()["status"]["flagged_overdue_on"] is None
    days = (date(2027, 2, 1) - date.fromisoformat(today)).days
    assert client.post("/clock/advance", json={"days": max(days, 0)}, headers=ADMIN).status_code == 200

    async def flagged() -> Any:
        return client.get(f"/filings/{DEPT}/2026").json()["status"]["flagged_overdue_on"]

    assert asyncio.run(eventually(flagged)) >= "2027-02-01"
    assert client.get(f"/filings/{DEPT}/2026").json()["status"]["state"] == "overdue"


def test_small_checkpoints_between_new_rows_seal_every_row_once(
    settings: ServiceSettings, tmp_path: Path
) -> None:
    audit = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem",
                          seal_interval_seconds=60, checkpoint_batch=3)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as raw:
        client = acting(raw, DEPT, supervisor_unit=REGION)
        sealed = client.post("/integrity/checkpoints", headers=ADMIN).json()["sealed"]
        fed(client, settings)  # more rows after the first checkpoints: the runs interleave with them
        sealed += client.post("/integrity/checkpoints", headers=ADMIN).json()["sealed"]
        report = client.get("/integrity/verify", headers=ADMIN).json()
        assert report["ok"] and report["unsealed_rows"] == 0
        checkpoints = raw.app.state.runtime.audit.sealer.heads()  # type: ignore[attr-defined]
        runs = [(c.first_id, c.last_id) for c in checkpoints]
        assert len(runs) == sealed >= 5 and all(len(c.leaves) + len(c.refused) <= 3 for c in checkpoints)
        assert all(later[0] > earlier[1] for earlier, later in zip(runs, runs[1:], strict=False))
