"""The HTTP gate every service shares: tokens required, undeclared routes refused, denials 403
naming the rule and kept in the service's own store, supervisory reads explained and recorded."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from shared.access.http import GateDep
from shared.access.policy import Action, Target
from shared.access.record import AccessRecord
from shared.clock import SystemClock
from shared.eventstore.application import ServiceApplication
from shared.runtime_factory import build_access
from shared.service_host import ServiceRuntime, create_api
from shared.settings import ServiceSettings
from tests.access import ISSUER, MANAGING, headers_for


def _service(routers: list[APIRouter]) -> tuple[TestClient, ServiceApplication]:
    guarded = APIRouter()

    @guarded.get("/cases/{cadre_id}", openapi_extra={"x-cadre-access": Action.READ_CASE.value})
    def get_case(cadre_id: str, gate: GateDep) -> dict[str, str]:
        gate.check(Target.of_cadre(cadre_id, MANAGING))
        return {"cadre_id": cadre_id}

    @guarded.get("/cases", openapi_extra={"x-cadre-access": Action.READ_CASE.value})
    def list_cases(gate: GateDep) -> list[str]:
        targets = [Target.of_cadre(c, unit) for c, unit in (("c1", MANAGING), ("c2", "org:hohhot-municipal"))]
        shown = [t for t in targets if gate.visible(t)]
        gate.listed(shown)
        return [str(t.cadre_id) for t in shown]

    settings = ServiceSettings(cadre_jwt_public_key=ISSUER.public_pem,
                               persistence_module="eventsourcing.popo")
    app = ServiceApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    runtime = ServiceRuntime(name="probe", settings=settings, app=app, clock=SystemClock())
    runtime.access = build_access("probe", settings, app, runtime.clock)
    return TestClient(create_api(runtime, [guarded, *routers], title="probe")), app


def records(app: ServiceApplication) -> list[Any]:
    return [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 100)]


def test_a_route_that_declares_no_action_family_stops_the_service_from_starting() -> None:
    undeclared = APIRouter()

    @undeclared.get("/secret")
    def get_secret() -> str:
        return "x"

    with pytest.raises(RuntimeError, match="declares no access action"):
        _service([undeclared])


def test_without_a_valid_token_nothing_but_health_answers() -> None:
    client, _ = _service([])
    assert client.get("/healthz").status_code == 200
    missing = client.get("/cases/c1")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    forged = client.get("/cases/c1", headers={"Authorization": "Bearer abc.def.ghi"})
    assert forged.status_code == 401 and "token rejected" in forged.json()["detail"]


def test_a_denial_names_the_rule_and_is_recorded_in_the_service_store() -> None:
    client, app = _service([])
    assert client.get("/cases/c1", headers=headers_for("case_officer", MANAGING)).status_code == 200
    refused = client.get("/cases/c1", headers=headers_for("case_officer", "org:hohhot-municipal"))
    assert refused.status_code == 403
    assert refused.json()["rule"] == "jurisdiction.managing_unit"
    [record] = records(app)  # the allowed officer read is not recorded; the refusal is
    assert isinstance(record, AccessRecord.Recorded)
    assert (record.allowed, record.rule, record.unit, record.what) == (
        False, "jurisdiction.managing_unit", "org:hohhot-municipal", "GET /cases/c1")


def test_a_role_without_any_grant_is_refused_before_the_route_runs() -> None:
    client, app = _service([])
    refused = client.get("/cases/c1", headers=headers_for("producer", "producer", subject="petitions"))
    assert refused.status_code == 403 and refused.json()["rule"] == "producer.publishes_signals_only"
    assert [r.rule for r in records(app)] == ["producer.publishes_signals_only"]


def test_a_supervisors_read_must_state_its_purpose_and_is_recorded_with_it() -> None:
    client, app = _service([])
    unexplained = headers_for("supervisor", "org:central")
    del unexplained["X-Cadre-Reason"]
    assert client.get("/cases/c1", headers=unexplained).status_code == 400
    read = client.get("/cases/c1", headers=headers_for("supervisor", "org:central", purpose="专项检查"))
    assert read.status_code == 200
    [record] = records(app)
    assert (record.allowed, record.role, record.stated_purpose) == (True, "supervisor", "专项检查")


def test_lists_are_filtered_to_the_jurisdiction_and_a_supervisory_list_read_is_recorded_once() -> None:
    client, app = _service([])
    assert client.get("/cases", headers=headers_for("case_officer", MANAGING)).json() == ["c1"]
    assert client.get("/cases", headers=headers_for("case_officer", "org:lingang-zone")).json() == []
    assert client.get("/cases", headers=headers_for("supervisor", "org:inner-mongolia-region")).json() == [
        "c1", "c2"]
    [record] = records(app)
    assert record.role == "supervisor" and "c1" in record.reason and "c2" in record.reason


def test_the_openapi_document_names_each_routes_family_and_the_bearer_scheme() -> None:
    client, _ = _service([])
    operation = client.get("/openapi.json", headers=headers_for("administrator", "org:central"))
    assert operation.status_code == 200
    get_case = operation.json()["paths"]["/cases/{cadre_id}"]["get"]
    assert get_case["x-cadre-access"] == "read_case" and get_case["security"] == [{"HTTPBearer": []}]


def test_an_undeclared_route_inside_an_included_router_is_found_too() -> None:
    inner, outer = APIRouter(), APIRouter()

    @inner.get("/hidden")
    def get_hidden() -> str:
        return "x"

    outer.include_router(inner, prefix="/nested")
    with pytest.raises(RuntimeError, match="declares no access action"):
        _service([outer])


def test_declared_routes_inside_an_included_router_are_served_behind_the_gate() -> None:
    inner, outer = APIRouter(), APIRouter()

    @inner.get("/packs", openapi_extra={"x-cadre-access": Action.READ_REFERENCE.value})
    def list_packs() -> list[str]:
        return ["IM-2022"]

    outer.include_router(inner, prefix="/nested")
    client, _ = _service([outer])
    assert client.get("/nested/packs").status_code == 401
    assert client.get("/nested/packs", headers=headers_for("cadre", "u", subject="c")).json() == ["IM-2022"]
