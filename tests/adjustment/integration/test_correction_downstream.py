"""IM 22 end to end inside one test: a revoked appeal's correction reaches follow-up and audit.

The follow-up and audit services run for real next to the adjustment service, on the same NATS
and PostgreSQL (each in its own schema), and are only observed through what they publish and serve.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.audit.api import router as audit_router
from services.audit.bootstrap import bootstrap as audit_bootstrap
from services.followup.api import router as followup_router
from services.followup.bootstrap import bootstrap as followup_bootstrap
from shared.embedded.postgres_server import EmbeddedPostgres
from shared.service_host import create_api
from tests.access import acting
from tests.adjustment.integration.conftest import CITY, Service, adjustment_service, infrastructure
from tests.adjustment.integration.step_bodies import advance


@pytest.fixture(scope="module")
def services(postgres_server: EmbeddedPostgres) -> Iterator[tuple[Service, TestClient]]:
    with infrastructure(postgres_server) as settings, adjustment_service(settings) as adjustment:
        followup = followup_bootstrap(settings)
        audit = audit_bootstrap(settings)
        with TestClient(create_api(followup, [followup_router], title="followup")), \
                TestClient(create_api(audit, [audit_router], title="audit")) as audit_client:
            # The audit record is read by an officer of the unit managing the case's cadre.
            yield adjustment, acting(audit_client, CITY)


def test_a_revocation_lodged_before_formalities_is_recorded_by_followup_and_audit(
    services: tuple[Service, TestClient],
) -> None:
    adjustment, audit = services
    case_id = adjustment.open_case(post="住建局局长", rank="正处级")
    advance(adjustment.client, case_id, ["propose", "decide"])
    appeal = adjustment.client.post(f"/cases/{case_id}/appeals", json={
        "kind": "appeal", "lodged_by": "张三", "lodged_on": "2026-05-21", "grounds": "认定事实有误"})
    assert appeal.status_code == 201
    advance(adjustment.client, case_id, ["talk", "formalities"])
    adjustment.wait_published("FollowUpOpened", case_id, source="followup")

    revoked = adjustment.client.post(f"/appeals/{appeal.json()['appeal_id']}/decision", json={
        "outcome": "revoked", "decided_on": "2026-08-10", "on_behalf_of": "市委", "reason": "证据不足"})
    assert revoked.status_code == 200

    [corrected_plan] = adjustment.wait_published("FollowUpPlanCorrected", case_id, source="followup")
    assert corrected_plan["reason"] == "证据不足"
    cadre_id = adjustment.client.get(f"/cases/{case_id}").json()["cadre"]["cadre_id"]
    deadline = time.monotonic() + 15
    while True:
        response = audit.get(f"/cadres/{cadre_id}/timeline")
        types = [e["type"] for e in response.json()["entries"]] if response.status_code == 200 else []
        if "FollowUpPlanCorrected" in types or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert types.index("AppealLodged") < types.index("AdjustmentExecuted")
    assert types.index("AdjustmentExecuted") < types.index("AdjustmentCorrected")
    assert "AppealDecided" in types and "FollowUpPlanCorrected" in types
