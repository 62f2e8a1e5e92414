"""Generates the AsyncAPI 3 document of the event contract from the code.

`python -m shared.contract.asyncapi` rewrites docs/asyncapi.json; a test fails when the checked-in
document and the code drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shared.contract.asyncapi_examples import MESSAGE_EXAMPLES
from shared.contract.catalogue import CONTRACT
from shared.contract.envelope import DEAD_LETTER_PREFIX, Envelope
from shared.contract.events import subjects_for

DOCUMENT_PATH = Path(__file__).resolve().parents[2] / "docs" / "asyncapi.json"


def _channel_key(subject: str) -> str:
    return subject.replace(".", "_")


def _asyncapi_schema(schema: Any) -> Any:
    """Pydantic writes OpenAPI's `discriminator` object ({propertyName, mapping}); an AsyncAPI
    schema's discriminator is the property's name, a string. The `oneOf` beside it and each
    branch's `const` already say which branch a value takes, so the name is all that is kept."""
    if isinstance(schema, dict):
        return {key: (value["propertyName"] if key == "discriminator" and isinstance(value, dict)
                      else _asyncapi_schema(value)) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_asyncapi_schema(item) for item in schema]
    return schema


def _add_schema(schemas: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    """A model's schema and the models it refers to, all as components (what `$ref`s name)."""
    schema = _asyncapi_schema(schema)
    schemas.update(schema.pop("$defs", {}))
    schemas[name] = schema


def build_document() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    _add_schema(schemas, "Envelope", Envelope.model_json_schema(
        ref_template="#/components/schemas/{model}"))
    for spec in CONTRACT.values():
        name = f"{spec.type}V{spec.version}"
        _add_schema(schemas, name, spec.payload.model_json_schema(
            ref_template="#/components/schemas/{model}"))
        messages[name] = {
            "name": spec.type,
            "title": f"{spec.type} v{spec.version}",
            "summary": spec.summary,
            "contentType": "application/json",
            "headers": {
                "type": "object",
                "properties": {
                    "Nats-Msg-Id": {"type": "string", "description": "equals envelope id"},
                    "traceparent": {"type": "string", "description": "W3C trace context"},
                },
                "required": ["Nats-Msg-Id"],
            },
            "payload": {
                "allOf": [
                    {"$ref": "#/components/schemas/Envelope"},
                    {
                        "type": "object",
                        "properties": {
                            "type": {"const": spec.type},
                            "version": {"const": spec.version},
                            "data": {"$ref": f"#/components/schemas/{name}"},
                        },
                    },
                ]
            },
        }
        if spec.type in MESSAGE_EXAMPLES:
            messages[name]["examples"] = MESSAGE_EXAMPLES[spec.type]
        for subject in subjects_for(spec):
            key = _channel_key(subject)
            channels[key] = {
                "address": subject,
                "messages": {name: {"$ref": f"#/components/messages/{name}"}},
            }
            operations[f"publish_{key}"] = {
                "action": "send",
                "channel": {"$ref": f"#/channels/{key}"},
                "summary": (f"identification sends {spec.type} to the producer the subject names "
                            "(only that producer may read it)" if spec.sources == ("receipts",)
                            else f"{spec.sources[0]} publishes {spec.type}"),
            }
    channels["deadletter"] = {
        "address": f"{DEAD_LETTER_PREFIX}.{{service}}",
        "description": "Messages a consumer could not accept, with headers Cadre-Reason, "
        "Cadre-Original-Subject and the original body.",
        "parameters": {"service": {"description": "the consuming service"}},
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "cadre-lifecycle integration events",
            "version": "1.0.0",
            "description": "Events exchanged over NATS JetStream (stream CADRE_EVENTS) by the "
            "identification, adjustment, follow-up and audit services and producer systems, and "
            "the receipts identification sends each producer (stream CADRE_RECEIPTS, subjects "
            "cadre.receipts.<producer>.<event>.v<version>). Integrator's guide: docs/integrators/.",
        },
        "defaultContentType": "application/json",
        "channels": dict(sorted(channels.items())),
        "operations": dict(sorted(operations.items())),
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }


def render() -> str:
    return json.dumps(build_document(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main() -> None:
    DOCUMENT_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOCUMENT_PATH.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOCUMENT_PATH}\n")


if __name__ == "__main__":
    main()
