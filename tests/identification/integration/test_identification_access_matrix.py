"""Who may do what in the identification service (SPEC §8), against one running service on real
NATS and PostgreSQL: every route for every role, inside and outside the record's jurisdiction,
compared with the hand-written matrix; tokens; the record of denials and supervisory reads."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from shared.access.dev_issuer import DevIssuer
from shared.access.http import ACCESS_KEY
from shared.access.principal import Principal
from shared.access.tokens import issue_token, new_signing_key
from shared.settings import ServiceSettings
from tests.access import (
    CADRE_ID,
    CADRE_UNIT,
    EXPECTED,
    ISSUER,
    MANAGING,
    OTHER_UNIT,
    headers_for,
    run_matrix,
)
from tests.helpers import eventually, read_subject
from tests.identification.integration.access_probes import (
    OFFICER,
    Records,
    assessment_body,
    create_records,
    probes,
    statistics_body,
)

ACCESS_SUBJECT = "cadre.identification.access_recorded.v1"
# Probes the matrix's stand-in principals cannot judge: its producer is the discipline system,
# while feeds belong to the assessment and statistics systems; and a reform filing is a unit's
# business, never a cadre's own case. Each is run without that role and tested on its own below.
WITHOUT_ROLE = {
    "POST /feeds/assessments": "producer",
    "POST /feeds/statistics": "producer",
    "GET /reform-filings/{filing_id}": "cadre",
}


@pytest.fixture(scope="module")
def records(client: TestClient) -> Records:
    return create_records(client)


def test_every_route_of_the_service_is_probed(client: TestClient, records: Records) -> None:
    declared = {f"{method.upper()} {path}" for path, item in client.app.openapi()["paths"].items()
                for method, operation in item.items() if ACCESS_KEY in operation}
    assert {p.name for p in probes(client, records)} == declared


def test_each_role_is_answered_as_the_access_matrix_says(client: TestClient, records: Records) -> None:
    everything = probes(client, records)
    assert run_matrix([p for p in everything if p.name not in WITHOUT_ROLE]) == []
    for probe in everything:
        if probe.name in WITHOUT_ROLE:
            roles = tuple(role for role in EXPECTED if role != WITHOUT_ROLE[probe.name])
            assert run_matrix([probe], roles) == []


def test_a_feed_is_taken_only_from_its_own_producer(client: TestClient, records: Records) -> None:
    def producer(name: str) -> dict[str, str]:
        return headers_for("producer", "producer", name)

    assert client.post("/feeds/assessments", json=assessment_body("assess-matrix"),
                       headers=producer("assessment")).status_code == 201
    assert client.post("/feeds/statistics", json=statistics_body("stat-matrix"),
                       headers=producer("statistics")).status_code == 201
    for path, body, wrong in (("/feeds/assessments", assessment_body("assess-matrix"), "statistics"),
                              ("/feeds/statistics", statistics_body("stat-matrix"), "assessment"),
                              ("/feeds/assessments", assessment_body("assess-matrix"), "discipline")):
        refused = client.post(path, json=body, headers=producer(wrong))
        assert refused.status_code == 403 and refused.json()["rule"] == "producer.own_system"


def test_an_officer_outside_the_managing_unit_has_its_feed_refused_whole(
    client: TestClient, records: Records,
) -> None:
    stranger = {"cadre_id": "cadre-matrix-feed", "name": "外单位", "unit_id": CADRE_UNIT, "post": "科长",
                "rank": "正科级"}
    refused = client.post("/feeds/assessments", json=assessment_body("assess-outside", stranger),
                          headers=headers_for("case_officer", OTHER_UNIT))
    assert refused.status_code == 403 and refused.json()["rule"] == "jurisdiction.managing_unit"
    assert client.app.state.application.ledger_of("cadre-matrix-feed") is None  # nothing kept


def test_a_reform_filing_is_no_cadre_own_case(client: TestClient, records: Records) -> None:
    response = client.get(f"/reform-filings/{records.filing_id}",
                          headers=headers_for("cadre", CADRE_UNIT, CADRE_ID))
    assert response.status_code == 403 and response.json()["rule"] == "cadre.own_case"


def test_requests_without_a_valid_token_are_refused(client: TestClient, records: Records) -> None:
    path = f"/concerns/{records.concern_id}"
    officer = Principal("officer-token", "case_officer", MANAGING)
    assert client.get(path, headers=OFFICER).status_code == 200
    missing = client.get(path, auth=None)
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"] == "Bearer"
    foreign = client.get(path, headers=DevIssuer(new_signing_key()).headers(officer))
    assert foreign.status_code == 401 and "unknown key" in foreign.json()["detail"]
    stale = issue_token(ISSUER.private_pem, officer, ttl_seconds=600, now=time.time() - 3600)
    expired = client.get(path, headers={"Authorization": f"Bearer {stale}"})
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]


def test_lists_show_only_what_the_reader_may_read(client: TestClient, records: Records) -> None:
    outside = headers_for("case_officer", OTHER_UNIT)
    assert client.get("/concerns", params={"cadre_id": CADRE_ID}, headers=outside).json() == []
    assert client.get(f"/cadres/{CADRE_ID}/concerns", headers=outside).json() == {"open": [], "history": []}
    inside = client.get("/concerns", params={"cadre_id": CADRE_ID}, headers=OFFICER).json()
    assert [c["concern_id"] for c in inside] == [records.concern_id]
    assert client.get(f"/cadres/{CADRE_ID}/concerns", headers=OFFICER).json()["open"][0]["concern_id"] == \
        records.concern_id


def access_records(settings: ServiceSettings, principal: str) -> list[dict[str, Any]]:
    """The AccessRecorded events the service published about one principal."""

    async def probe() -> list[dict[str, Any]] | None:
        try:
            found = await read_subject(settings.nats_url, "CADRE_EVENTS", ACCESS_SUBJECT, limit=10_000)
        except TimeoutError:
            return None
        mine = [e for e in (json.loads(m.data) for m in found) if e["data"]["principal"] == principal]
        return mine or None

    found: list[dict[str, Any]] = asyncio.run(eventually(probe))
    return found


def test_a_denial_names_its_rule_and_is_published(
    client: TestClient, records: Records, module_settings: ServiceSettings,
) -> None:
    denied = client.get(f"/concerns/{records.concern_id}",
                        headers=headers_for("case_officer", OTHER_UNIT, "officer-denied"))
    body = denied.json()
    assert denied.status_code == 403 and body["code"] == "AccessDenied"
    assert body["rule"] == "jurisdiction.managing_unit" and body["policy_version"]
    [event] = access_records(module_settings, "officer-denied")
    assert event["type"] == "AccessRecorded" and event["cadre_id"] == CADRE_ID
    data = event["data"]
    assert (data["outcome"], data["rule"], data["action"]) == ("denied", "jurisdiction.managing_unit",
                                                               "read_reports")
    assert data["service"] == "identification" and data["unit"] == OTHER_UNIT


def test_a_supervisors_read_states_its_purpose_and_is_published(
    client: TestClient, records: Records, module_settings: ServiceSettings,
) -> None:
    path = f"/concerns/{records.concern_id}"
    supervisor = Principal("supervisor-reading", "supervisor", "org:inner-mongolia-region")
    unexplained = client.get(path, headers=ISSUER.headers(supervisor))
    assert unexplained.status_code == 400 and unexplained.json()["code"] == "PurposeRequired"
    purpose = "2026年度选人用人专项检查"
    assert client.get(path, headers=ISSUER.headers(supervisor, purpose)).status_code == 200
    [event] = access_records(module_settings, "supervisor-reading")
    data = event["data"]
    assert (data["outcome"], data["stated_purpose"], data["cadre_id"]) == ("allowed", purpose, CADRE_ID)
    assert data["rule"] == "jurisdiction.subtree" and MANAGING in data["units"]
