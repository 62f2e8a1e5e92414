"""Who may do what in the running audit service (SPEC §8), against the hand-written matrix: one
probe per route, grouped by family, on a record about CADRE_ID managed by MANAGING that arrived
over NATS. Then the access log: another service's refusal, published as `AccessRecorded`, shows
only above its units; a supervisor's read shows with its stated purpose; an unexplained one is 400."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
from fastapi.testclient import TestClient

from services.audit.api import router
from services.audit.bootstrap import bootstrap
from services.audit.settings import AuditSettings
from shared.access.principal import Principal
from shared.contract.access_events import AccessRecorded
from shared.contract.codec import IntegrationEvent, envelope_for
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import CADRE_ID, CADRE_UNIT, ISSUER, MANAGING, PURPOSE, Probe, headers_for, run_matrix
from tests.audit.case_events import case_ids, publish, whole_case
from tests.helpers import eventually

pytestmark = pytest.mark.integration
CASE = case_ids("matrix").case_id
REGION, ELSEWHERE = "org:inner-mongolia-region", "org:lingang-zone"
SUPERVISOR = headers_for("supervisor", REGION)
ADMIN = headers_for("administrator", "org:central")
AT = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)


def access_recorded(role: str, unit: str, outcome: str, rule: str) -> IntegrationEvent:
    """An access record as the adjustment service's relay publishes it."""
    payload = AccessRecorded(
        record_id=str(uuid4()), service="adjustment", principal=f"{role}-x", role=role, unit=unit,
        action="read_case" if outcome == "allowed" else "act_on_case", what=f"GET /cases/{CASE}",
        outcome=outcome, rule=rule, reason="as the policy decided", cadre_id=CADRE_ID,
        units=[MANAGING, CADRE_UNIT], stated_purpose=PURPOSE if role == "supervisor" else None,
        policy_version="access-policy/2026.1", at=AT)
    envelope = envelope_for(payload, event_id=str(uuid4()), source="adjustment", cadre_id=CADRE_ID,
                            occurred_at=AT)
    return IntegrationEvent(envelope=envelope, payload=payload)


def log_ids(client: TestClient, headers: dict[str, str], **params: str) -> set[str]:
    response = client.get("/access-log", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {e["record_id"] for e in response.json()}


@pytest.fixture
def client(settings: ServiceSettings, tmp_path: Path) -> Iterator[TestClient]:
    audit = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem", seal_interval_seconds=60)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as client:
        yield client


def fed(client: TestClient, settings: ServiceSettings, *extra: IntegrationEvent) -> list[IntegrationEvent]:
    """A case about CADRE_ID managed by MANAGING, whose decision talk was held by the wrong person
    (so compliance has a finding to list), and the given access records, all over NATS."""
    events = whole_case(cadre_id=CADRE_ID, name="matrix",
                        managing_unit=MANAGING, talker_position="unit_org_dept_head")
    asyncio.run(publish(settings.nats_url, [*events, *extra]))
    officer = headers_for("case_officer", MANAGING)

    async def recorded() -> Any:
        response = client.get(f"/cadres/{CADRE_ID}/timeline", headers=officer)
        return (response.status_code == 200 and len(response.json()["entries"]) == len(events)
                and {e.envelope.data["record_id"] for e in extra} <= log_ids(client, SUPERVISOR))

    assert asyncio.run(eventually(recorded))
    return events


def probes(client: TestClient, events: list[IntegrationEvent], seen: str, position: int) -> list[Probe]:
    def get(path: str, **params: Any) -> Callable[[dict[str, str]], httpx.Response]:
        return lambda headers: client.get(path, params=params, headers=headers)

    def post(path: str, body: dict[str, Any]) -> Callable[[dict[str, str]], httpx.Response]:
        return lambda headers: client.post(path, json=body, headers=headers)

    def lists(key: str, value: str) -> Callable[[httpx.Response], bool]:
        return lambda response: any(item.get(key) == value for item in response.json())

    filing = f"/filings/{MANAGING}/2026"
    return [
        Probe("read_record", "cadre timeline", get(f"/cadres/{CADRE_ID}/timeline")),
        Probe("read_record", "cadre's cases", get(f"/cadres/{CADRE_ID}/cases")),
        Probe("read_record", "case timeline", get(f"/cases/{CASE}/timeline")),
        Probe("read_record", "case state", get(f"/cases/{CASE}", as_of=AT.isoformat())),
        Probe("supervise", "cadre's compliance", get(f"/compliance/cadres/{CADRE_ID}")),
        Probe("supervise", "compliance", get("/compliance"), lists("cadre_id", CADRE_ID)),
        Probe("supervise", "quota signals", get("/compliance/quota-signals", year=2026, target=1),
              lists("jurisdiction", MANAGING)),
        Probe("supervise", "statistics", get("/statistics", year=2026),
              lambda response: response.json()["adjusted"] >= 1),
        Probe("supervise", "access log", get("/access-log"), lists("record_id", seen)),
        Probe("supervise", "supervisor reads", get("/supervisor-reads"), lists("record_id", seen)),
        Probe("read_filing", "filing report", get(filing)),
        Probe("read_filing", "printed filing", get(f"{filing}/print")),
        Probe("prepare_filing", "submission",
              post(f"{filing}/submission", {"on_behalf_of": "市委组织部", "submitted_on": "2027-01-20"})),
        Probe("acknowledge_filing", "acknowledgement",
              post(f"{filing}/acknowledgement", {"on_behalf_of": "自治区党委组织部"})),
        Probe("verify_integrity", "verify", get("/integrity/verify")),
        Probe("verify_integrity", "entry proof", get(f"/integrity/entries/{position}/proof")),
        Probe("verify_integrity", "event proof", get(f"/integrity/events/{events[0].id}/proof")),
        Probe("verify_integrity", "public key", get("/integrity/public-key")),
        Probe("configure", "seal checkpoints", post("/integrity/checkpoints", {})),
        Probe("configure", "advance the clock", post("/clock/advance", {"days": 0})),
        Probe("read_reference", "clock", get("/clock")),
    ]


def test_every_route_answers_as_the_access_matrix_says(client: TestClient, settings: ServiceSettings) -> None:
    # A supervisor of the managing unit read the case in another service: the access log and the
    # supervisor reads list it to whoever oversees MANAGING, and to nobody else.
    seen = access_recorded("supervisor", MANAGING, "allowed", "jurisdiction.subtree")
    events = fed(client, settings, seen)
    assert client.post("/integrity/checkpoints", headers=ADMIN).status_code == 200
    proof = client.get(f"/integrity/events/{events[0].id}/proof", headers=ADMIN).json()
    assert proof["valid"]
    assert run_matrix(probes(client, events, seen.envelope.data["record_id"],
                             proof["entry"]["notification_id"])) == []


def test_another_services_refusal_is_in_the_access_log_above_its_units_only(
    client: TestClient, settings: ServiceSettings
) -> None:
    denial = access_recorded("case_officer", "org:hohhot-municipal", "denied", "jurisdiction.managing_unit")
    assert denial.envelope.subject() == "cadre.adjustment.access_recorded.v1"
    fed(client, settings, denial)
    record_id = denial.envelope.data["record_id"]
    assert record_id in log_ids(client, SUPERVISOR, outcome="denied", service="adjustment")
    assert record_id not in log_ids(client, SUPERVISOR, outcome="allowed")
    assert record_id not in log_ids(client, headers_for("supervisor", ELSEWHERE))
    assert record_id not in log_ids(client, SUPERVISOR, since="2026-06-03T00:00:00+00:00")
    [entry] = [e for e in client.get("/access-log", headers=SUPERVISOR).json() if e["record_id"] == record_id]
    assert (entry["principal"], entry["unit"], entry["rule"], entry["cadre_id"]) == (
        "case_officer-x", "org:hohhot-municipal", "jurisdiction.managing_unit", CADRE_ID)
    # Who looked at the record is not part of it: the cadre's timeline holds the case only.
    timeline = client.get(f"/cadres/{CADRE_ID}/timeline", headers=headers_for("case_officer", MANAGING))
    assert "AccessRecorded" not in {e["type"] for e in timeline.json()["entries"]}


def test_a_supervisors_read_is_logged_with_its_purpose_and_refused_without_one(
    client: TestClient, settings: ServiceSettings
) -> None:
    fed(client, settings)
    purpose = "巡视整改 2026-3"
    zhao = headers_for("supervisor", REGION, "zhao", purpose)
    assert client.get(f"/cadres/{CADRE_ID}/timeline", headers=zhao).status_code == 200
    [read] = client.get("/access-log", params={"principal": "zhao"}, headers=SUPERVISOR).json()
    assert (read["service"], read["action"], read["outcome"], read["stated_purpose"], read["what"]) == (
        "audit", "read_record", "allowed", purpose, f"GET /cadres/{CADRE_ID}/timeline")
    assert read["cadre_id"] == CADRE_ID and MANAGING in read["units"]

    unexplained = ISSUER.headers(Principal("sun", "supervisor", REGION))  # no X-Cadre-Reason
    response = client.get(f"/cadres/{CADRE_ID}/timeline", headers=unexplained)
    assert response.status_code == 400 and response.json()["code"] == "PurposeRequired"
    assert client.get("/access-log", params={"principal": "sun"}, headers=SUPERVISOR).json() == []
