from __future__ import annotations

import json

import pytest

from shared.contract import events as contract
from shared.contract.codec import ContractViolationError, decode, encode, envelope_for
from shared.runner.scenario import circumstance_report

CADRE = contract.CadreRef(
    cadre_id="c-1", name="张三", unit_id="u-1", post="局长", rank="正处级", role="unit_staff"
)


def valid_body() -> bytes:
    report = circumstance_report(CADRE, "sig-1")
    envelope = envelope_for(report, event_id="m-1", source="petitions", cadre_id="c-1",
                            occurred_at=report.reported_at)
    return encode(envelope)


def test_a_valid_event_round_trips_with_its_subject() -> None:
    event = decode(valid_body())
    assert event.type == "CircumstanceReported"
    assert isinstance(event.payload, contract.CircumstanceReported)
    assert event.payload.signal_id == "sig-1"
    assert event.envelope.subject() == "cadre.intake.petitions.circumstance_reported.v1"


def test_service_events_are_published_under_the_service_name() -> None:
    payload = contract.ConcernClosed(concern_id="x", outcome="not_substantiated", closed_by="o")
    envelope = envelope_for(payload, event_id="e", source="identification", cadre_id="c",
                            occurred_at="2026-01-01T00:00:00+00:00")
    assert envelope.subject() == "cadre.identification.concern_closed.v1"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "body is not JSON"),
        (b"[1, 2]", "body is not a JSON object"),
        (b"\xff\xfe", "body is not JSON"),
    ],
)
def test_unparseable_bodies_are_refused_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(ContractViolationError, match=reason):
        decode(body)


def test_a_schema_invalid_payload_names_the_field() -> None:
    raw = json.loads(valid_body())
    raw["data"]["channel"] = "gossip"
    del raw["data"]["cadre"]["name"]
    with pytest.raises(ContractViolationError) as error:
        decode(json.dumps(raw).encode())
    assert "data.channel" in str(error.value)
    assert "data.cadre.name" in str(error.value)


def test_an_unknown_event_type_is_refused() -> None:
    raw = json.loads(valid_body())
    raw["type"] = "CadrePromoted"
    with pytest.raises(ContractViolationError, match="unknown event CadrePromoted v1"):
        decode(json.dumps(raw).encode())


def test_a_missing_envelope_field_is_named() -> None:
    raw = json.loads(valid_body())
    del raw["cadre_id"]
    with pytest.raises(ContractViolationError, match="cadre_id"):
        decode(json.dumps(raw).encode())
