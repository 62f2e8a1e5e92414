"""What one careless or hostile HTTP request can do, tried on the running system: every refusal
is JSON naming the field or the limit, nothing half-written, the outbox keeps publishing, and a
database outage is a prompt 503 that heals by itself."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from shared.contract import events as contract
from shared.runner.scenario import Scenario, wait_for
from shared.runner.stack import Stack
from tests.e2e.conftest import scenario_on

CADRE = contract.CadreRef(cadre_id="hostile-01", name="周九", unit_id="unit:bt-housing-bureau",
                          post="副局长", rank="副处级", role="party_committee_member")


@pytest.fixture(scope="module")
def concern(stack: Stack) -> tuple[Scenario, str]:
    scenario = scenario_on(stack, CADRE)
    scenario.report("hostile-sig-1")
    found = wait_for("the concern", lambda: scenario.concerns())
    return scenario, str(found[0]["concern_id"])


def measure(content: str, **extra: Any) -> dict[str, Any]:
    return {"measure": "reminder", "taken_on": "2026-05-02", "content": content,
            "on_behalf_of": "市委组织部", **extra}


def post_measure(scenario: Scenario, concern_id: str, body: bytes | dict[str, Any]) -> httpx.Response:
    with scenario.http("identification") as client:
        if isinstance(body, bytes):
            return client.post(f"/concerns/{concern_id}/measures", content=body,
                               headers={"Content-Type": "application/json"})
        return client.post(f"/concerns/{concern_id}/measures", json=body)


def measures_on_record(scenario: Scenario) -> list[dict[str, Any]]:
    return [e for e in scenario.timeline() if e["type"] == "EarlySignMeasureTaken"]


def test_a_megabyte_text_field_is_refused_by_name_and_the_outbox_keeps_publishing(
    concern: tuple[Scenario, str],
) -> None:
    scenario, concern_id = concern
    refused = post_measure(scenario, concern_id, measure("谈" * 1_000_000))
    assert refused.status_code in (413, 422), refused.text
    assert refused.headers["content-type"] == "application/json"
    assert refused.json()["code"] in ("BodyTooLarge", "TextTooLong")
    refused = post_measure(scenario, concern_id, measure("谈" * 40_000))  # under the body limit
    assert refused.status_code == 422 and refused.json()["field"] == "content", refused.text
    assert "32000" in refused.json()["detail"] and "字" in refused.json()["detail"]
    accepted = post_measure(scenario, concern_id, measure("谈" * 30_000))  # the longest allowed
    assert accepted.status_code == 201, accepted.text
    # The relay published it (to audit's record) and did not stop: a later one arrives as well.
    assert post_measure(scenario, concern_id, measure("提醒谈话")).status_code == 201
    wait_for("both measures on the record", lambda: len(measures_on_record(scenario)) == 2)


@pytest.mark.parametrize(("body", "code", "field"), [
    (b'{"measure":"reminder","taken_on":"2026-05-02","content":NaN,"on_behalf_of":"x"}',
     "InvalidNumber", None),
    (b'{"measure":"reminder","taken_on":"2026-05-02","content":Infinity,"on_behalf_of":"x"}',
     "InvalidNumber", None),
    (b'{"measure":"reminder","taken_on":"2026-05-02","content":"\\ud800x","on_behalf_of":"x"}',
     "InvalidText", "content"),
    (b'{"measure":"reminder","taken_on":"0001-01-01","content":"x","on_behalf_of":"x"}',
     "ImplausibleDate", "taken_on"),
    (b'{"measure":"reminder","taken_on":"2026-05-02","content":' + b"[" * 100 + b"]" * 100 + b"}",
     "TooDeep", None),
])
def test_what_the_record_may_not_hold_is_a_json_422(
    concern: tuple[Scenario, str], body: bytes, code: str, field: str | None,
) -> None:
    scenario, concern_id = concern
    before = len(measures_on_record(scenario))
    response = post_measure(scenario, concern_id, body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code
    assert response.json().get("field") == field
    assert len(measures_on_record(scenario)) == before  # nothing half-written


def test_an_oversized_token_gets_a_json_431(stack: Stack) -> None:
    for service in ("identification", "audit"):
        response = httpx.get(f"{stack.services[service].url}/concerns",
                             headers={"Authorization": "Bearer " + "a" * (1024 * 1024)}, timeout=10)
        assert response.status_code == 431, response.text
        assert response.json()["code"] == "HeaderTooLarge"


def test_while_postgresql_is_down_calls_answer_503_at_once_and_recover_without_restart(
    stack: Stack, concern: tuple[Scenario, str],
) -> None:
    scenario, _ = concern
    assert stack.postgres is not None
    stack.postgres.stop(kill=True)
    try:
        wait_for("readiness to report the database down", lambda: httpx.get(
            f"{stack.services['identification'].url}/readyz", timeout=5).status_code == 503)
        for service, path in (("identification", "/concerns"), ("adjustment", "/cases"),
                              ("followup", "/plans"), ("audit", f"/cadres/{CADRE.cadre_id}/timeline")):
            started = time.monotonic()
            with scenario.http(service) as client:
                response = client.get(path)
            # before: every call hung for minutes; a bound far below that, not a speed target
            assert time.monotonic() - started < 5
            assert response.status_code == 503, (service, response.text)
            assert response.json()["code"] == "DatabaseUnavailable"
    finally:
        stack.postgres.start()
    stack.wait_ready(timeout=30)
    assert scenario.concerns()  # the same processes answer again
