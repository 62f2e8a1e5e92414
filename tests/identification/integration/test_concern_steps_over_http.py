"""A concern's steps over HTTP on real NATS and PostgreSQL: measures, observation, verification,
determination outcomes, and what other services hear about them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from shared.settings import ServiceSettings
from tests.identification.integration.conftest import service_client
from tests.identification.integration.published import published

UNIT = "org:city"  # manages the cadres here
CADRE = {"cadre_id": "c-steps", "name": "周强", "unit_id": "u-1", "post": "副局长", "rank": "副处级"}


def open_concern(client: TestClient, signal_id: str, cadre: dict[str, str] = CADRE) -> str:
    response = client.post("/signals", json={
        "signal_id": signal_id, "channel": "party_organisation_opinion", "reporter": "局党组",
        "cadre": cadre, "managing_unit": UNIT,
        "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"},
        "summary": "工作消极拖延", "reported_at": "2026-03-01T09:00:00+08:00",
    })
    assert response.status_code == 201, response.text
    return str(response.json()["concern_id"])


def events(settings: ServiceSettings, event: str, count: int = 1) -> list[dict[str, Any]]:
    return published(settings.nats_url, f"cadre.identification.{event}.v1", count)


def test_measures_then_an_observation_that_expires_unimproved_goes_to_determination(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-obs")
        for measure in ("reminder", "talk", "admonishment"):
            response = client.post(f"/concerns/{concern_id}/measures", json={
                "measure": measure, "on_behalf_of": "组织部副部长 刘", "taken_on": "2026-03-05",
                "content": f"{measure}: 指出拖延问题，限期改进"})
            assert response.status_code == 201, response.text
        today = date.fromisoformat(client.get("/clock").json()["today"])
        deadline = today + timedelta(days=3)
        client.post(f"/concerns/{concern_id}/assignment",
                    json={"officer": "干部监督科 李敏", "assigned_on": today.isoformat()})
        response = client.post(f"/concerns/{concern_id}/observation", json={
            "deadline": deadline.isoformat(), "on_behalf_of": "组织部", "set_on": today.isoformat()})
        assert response.json()["status"] == "under_observation"
        early = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["e-1"], "on_behalf_of": "x", "determined_on": today.isoformat()})
        assert early.status_code == 422 and deadline.isoformat() in early.json()["detail"]
        worklist = client.get("/worklists/干部监督科 李敏").json()["items"]
        assert [(i["task"], i["due_on"]) for i in worklist] == [("observation_ends", deadline.isoformat())]

        client.post("/clock/advance", json={"days": 3})  # the deadline day itself is still inside
        assert client.get(f"/concerns/{concern_id}").json()["status"] == "under_observation"
        client.post("/clock/advance", json={"days": 1})
        expired = events(settings, "observation_period_expired")
        assert expired[0]["data"] == {"concern_id": concern_id, "deadline": deadline.isoformat(),
                                      "improved": False}
        assert client.get(f"/concerns/{concern_id}").json()["status"] == "awaiting_determination"
        measures = events(settings, "early_sign_measure_taken", 3)
        assert [m["data"]["measure"] for m in measures] == ["reminder", "talk", "admonishment"]
        assert {m["cadre_id"] for m in measures} == {"c-steps"}

        client.post(f"/concerns/{concern_id}/verification", json={
            "evidence_refs": ["督查通报 2026-4"], "interviews": [
                {"person": "局长", "on": "2026-04-02", "summary": "确认仍未改进"}],
            "on_behalf_of": "干部监督科", "verified_on": "2026-04-03", "summary": "核实属实"})
        done = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["督查通报 2026-4"], "on_behalf_of": "组织部",
            "determined_on": "2026-04-10"})
        assert done.status_code == 200 and done.json()["status"] == "unsuitable"
        assert len(done.json()["verifications"]) == 1


def test_an_observation_with_improvement_ends_open(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-improved")
        today = date.fromisoformat(client.get("/clock").json()["today"])
        client.post(f"/concerns/{concern_id}/observation", json={
            "deadline": (today + timedelta(days=1)).isoformat(), "on_behalf_of": "组织部",
            "set_on": today.isoformat()})
        client.post(f"/concerns/{concern_id}/observation/improvement", json={
            "on_behalf_of": "组织部", "noted_on": today.isoformat(), "summary": "按期整改到位"})
        client.post("/clock/advance", json={"days": 2})
        assert events(settings, "observation_period_expired")[0]["data"]["improved"] is True
        assert client.get(f"/concerns/{concern_id}").json()["status"] == "open"


def test_false_accusation_is_clarified_and_referral_closes_the_concern(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-false")
        missing = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "false_accusation", "on_behalf_of": "组织部", "determined_on": "2026-04-01"})
        assert missing.status_code == 422 and "clarification" in missing.json()["detail"]
        cleared = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "false_accusation", "on_behalf_of": "组织部", "determined_on": "2026-04-01",
            "clarification": "经核实系诬告，在原范围内澄清正名", "flag_reporter": True})
        assert cleared.json()["clarification"] == {
            "summary": "经核实系诬告，在原范围内澄清正名", "reporter_flagged": True}
        data = events(settings, "clarification_recorded")[0]["data"]
        assert data == {"concern_id": concern_id, "summary": "经核实系诬告，在原范围内澄清正名",
                        "reporter_flagged": True}
        other = open_concern(client, "s-discipline", {**CADRE, "cadre_id": "c-disc"})
        referred = client.post(f"/concerns/{other}/determination", json={
            "outcome": "referred_to_discipline", "evidence_refs": ["线索 12"],
            "on_behalf_of": "组织部", "determined_on": "2026-04-02"})
        assert referred.json()["status"] == "referred_to_discipline"
        closed = events(settings, "concern_closed", 2)
        assert {c["data"]["outcome"] for c in closed} == {"false_accusation", "referred_to_discipline"}
        history = client.get("/cadres/c-steps/concerns").json()
        assert history["open"] == [] and len(history["history"]) == 1


def test_the_direct_determination_publishes_opened_determined_closed_in_order(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-direct")
        response = client.post(f"/concerns/{concern_id}/determination", json={
            "outcome": "unsuitable", "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
            "evidence_refs": ["jw-report"], "on_behalf_of": "组织部", "determined_on": "2026-05-06"})
        assert response.status_code == 200

        envelopes = published(settings.nats_url, "cadre.identification.>", 4)
        # The signal reported over HTTP goes on the record like a producer's, and the concern and
        # the determination name it as its reporter does.
        assert [e["type"] for e in envelopes] == [
            "CircumstanceReported", "ConcernOpened", "UnsuitabilityDetermined", "ConcernClosed"]
        reported, opened, determined, _ = envelopes
        key = {"source_system": "case_officer", "signal_id": "s-direct"}
        assert {k: reported["data"][k] for k in key} == key
        assert opened["data"]["first_signal"] == key and determined["data"]["signals"] == [key]
        # Each names the officer or secretary whose request caused it; the report, the officer.
        assert reported["actor"]["role"] == "case_officer"
        assert determined["actor"]["role"] == "committee_secretary"
        assert determined["data"]["determined_by"] == determined["actor"]["id"]
        assert determined["actor"]["on_behalf_of"] == "组织部"


def test_a_step_naming_someone_else_as_its_recorder_is_refused_and_records_nothing(
    settings: ServiceSettings,
) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-misnamed")
        before = client.get(f"/concerns/{concern_id}").json()["version"]
        refused = client.post(f"/concerns/{concern_id}/measures", json={
            "measure": "talk", "taken_by": "组织部副部长 刘", "taken_on": "2026-03-05", "content": "提醒"})
        assert refused.status_code == 422
        body = refused.json()
        assert (body["code"], body["field"]) == ("ActorMismatch", "taken_by")
        assert "on_behalf_of" in body["detail"]
        assert client.get(f"/concerns/{concern_id}").json()["version"] == before
        own = client.post(f"/concerns/{concern_id}/measures", json={
            "measure": "talk", "taken_by": f"case_officer:{UNIT}", "taken_on": "2026-03-05",
            "content": "提醒"})
        assert own.status_code == 201  # naming oneself is fine
        measure = published(settings.nats_url, "cadre.identification.early_sign_measure_taken.v1")[0]
        assert measure["actor"]["id"] == measure["data"]["taken_by"] == f"case_officer:{UNIT}"


def test_bad_input_names_the_field_and_writes_nothing(settings: ServiceSettings) -> None:
    runtime, client = service_client(settings, UNIT)
    with client:
        concern_id = open_concern(client, "s-bad")
        bad_measure = client.post(f"/concerns/{concern_id}/measures", json={
            "measure": "public_shaming", "on_behalf_of": "x", "taken_on": "2026-03-05", "content": "x"})
        assert bad_measure.status_code == 422
        # Not one of the jurisdiction's measure kinds (IM 14 for this IM-2022 cadre).
        assert (bad_measure.json()["field"], bad_measure.json()["rule"]) == ("measure", "IM 14")
        assert "public_shaming" in bad_measure.json()["message_en"]
        bad_feed = client.post("/feeds/assessments", json={
            "record_id": "r-bad", "jurisdiction": "nowhere", "managing_unit": UNIT,
            "feed": "annual_assessment", "subject": {"kind": "cadre", "id": "c-x"},
            "fact": {"kind": "grade", "period": 2024, "grade": "incompetent"}})
        assert bad_feed.status_code == 422
        assert "subject" in json.dumps(bad_feed.json()["detail"])
        client.put("/jurisdictions/j-x/pack", json={"pack_id": "WY-2019", "on_behalf_of": "x",
                                                    "bound_on": "2026-01-05"})
        wrong_grade = client.post("/feeds/assessments", json={
            "record_id": "r-bad-2", "jurisdiction": "j-x", "managing_unit": UNIT,
            "feed": "annual_assessment", "subject": {"kind": "cadre", "id": "c-x", "cadre": {
                **CADRE, "cadre_id": "c-x"}},
            "fact": {"kind": "grade", "period": 2024, "grade": "superb"}})
        assert wrong_grade.status_code == 422 and wrong_grade.json()["detail"].startswith("fact.grade")
        unbound = client.post("/feeds/statistics", json={
            "record_id": "r-bad-3", "jurisdiction": "nowhere", "managing_unit": UNIT,
            "feed": "one_vote_veto", "subject": {"kind": "unit", "id": "u-x"},
            "fact": {"kind": "flag", "period": 2024}})
        assert unbound.status_code == 409 and "jurisdiction" in unbound.json()["detail"]
        assert client.get("/concerns", params={"cadre_id": "c-x"}).json() == []
        assert client.get(f"/concerns/{concern_id}").json()["measures"] == []
        assert client.get("/healthz").status_code == 200
