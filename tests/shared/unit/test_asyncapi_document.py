from __future__ import annotations

import json

import jsonschema

from shared.contract.asyncapi import DOCUMENT_PATH, build_document, render
from shared.contract.catalogue import CONTRACT

REQUIRED_EVENTS = {
    "CircumstanceReported", "UnsuitabilityDetermined", "AdjustmentDecided",
    "AdjustmentExecuted", "FollowUpOpened", "ReinstatementEligible",
}


def test_the_checked_in_document_matches_the_code() -> None:
    # Regenerate with `cadre asyncapi` when the contract changes on purpose.
    assert DOCUMENT_PATH.read_text(encoding="utf-8") == render()


def test_the_document_is_asyncapi_3_and_covers_the_required_events() -> None:
    document = build_document()
    assert document["asyncapi"] == "3.0.0"
    names = {message["name"] for message in document["components"]["messages"].values()}
    assert REQUIRED_EVENTS <= names
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert "cadre.intake.discipline.circumstance_reported.v1" in addresses
    assert "cadre.followup.reinstatement_eligible.v1" in addresses


def test_each_payload_schema_validates_an_example_and_rejects_a_bad_one() -> None:
    document = json.loads(render())
    schemas = document["components"]["schemas"]
    spec = CONTRACT[("ReinstatementEligible", 1)]
    schema = {**schemas[f"{spec.type}V1"], "components": {"schemas": schemas}}
    good = {"plan_id": "p", "cadre_id": "c", "eligible_on": "2027-06-02", "reasons": ["r"]}
    jsonschema.validate(good, schema)
    bad = {**good, "reasons": []}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("an empty reasons list must be refused")


def _discriminator_values(node: object) -> list[object]:
    if isinstance(node, dict):
        own = [node["discriminator"]] if "discriminator" in node else []
        return own + [v for value in node.values() for v in _discriminator_values(value)]
    if isinstance(node, list):
        return [v for item in node for v in _discriminator_values(item)]
    return []


def test_payload_schemas_name_their_discriminator_as_asyncapi_does() -> None:
    # AsyncAPI's Schema Object wants the property's name; OpenAPI's {propertyName, mapping}
    # object makes the official parser refuse the document.
    found = _discriminator_values(build_document()["components"]["schemas"])
    assert found and all(isinstance(value, str) for value in found)


def test_every_message_example_is_a_message_the_contract_accepts() -> None:
    from shared.contract.codec import decode

    messages = build_document()["components"]["messages"]
    examples = [(name, ex) for name, message in messages.items() for ex in message.get("examples", [])]
    assert {"CircumstanceReportedV1"} <= {name for name, _ in examples}
    for name, example in examples:
        event = decode(json.dumps(example["payload"]).encode())
        assert f"{event.type}V{event.envelope.version}" == name
        assert example["headers"]["Nats-Msg-Id"] == event.id
    carried = {ex["name"]: decode(json.dumps(ex["payload"]).encode()).payload for _, ex in examples}
    assert carried["accountability_matter"].matter_ref == "wz-2026-017"  # type: ignore[attr-defined]
    assert carried["reform_filing"].reform_ref  # type: ignore[attr-defined]
