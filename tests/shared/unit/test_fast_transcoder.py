"""The faster decoding gives exactly what the library's own decoding gives, for every shape."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import JSONTranscoder

from shared.eventstore.application import DateAsISO, ServiceApplication
from shared.eventstore.transcoder import FastDecodingTranscoder


def transcoders() -> tuple[JSONTranscoder, FastDecodingTranscoder]:
    app = ServiceApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    library, fast = JSONTranscoder(), FastDecodingTranscoder()
    for transcoder in (library, fast):
        app.register_transcodings(transcoder)
    assert isinstance(app.mapper.transcoder, FastDecodingTranscoder)  # what services use
    return library, fast


NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
SHAPES: list[Any] = [
    {"timestamp": NOW, "entry": {"event_id": "e1", "data": {"summary": "含 \"_type_\" 字样的摘要"}}},
    {"timestamp": NOW, "due_on": date(2026, 12, 1), "case_id": uuid4(), "steps": ["a", "b"]},
    {"timestamp": NOW, "nested": {"on": date(2026, 1, 5), "list": [{"at": NOW}]}},  # typed deep inside
    {"timestamp": NOW, "fake": {"_type_": "not-registered-shape", "other": 1}},
    {"plain": [1, 2.5, None, True, "字"]},
    [NOW, {"on": date(2026, 2, 28)}],  # not a dict at the top
]


@pytest.mark.parametrize("value", SHAPES)
def test_decoding_equals_the_librarys(value: Any) -> None:
    library, fast = transcoders()
    data = library.encode(value)
    assert fast.encode(value) == data  # stored bytes unchanged
    assert fast.decode(data) == library.decode(data)


def test_a_lone_surrogate_orjson_refuses_still_decodes() -> None:
    library, fast = transcoders()
    data = '{"timestamp":{"_type_":"datetime_iso","_data_":"2026-11-21T09:30:00+00:00"},"s":"\\ud800"}'
    assert fast.decode(data.encode()) == library.decode(data.encode())


def test_registered_types_come_back_as_their_types() -> None:
    _, fast = transcoders()
    case_id = UUID("12345678-1234-5678-1234-567812345678")
    decoded = fast.decode(fast.encode({"timestamp": NOW, "on": date(2026, 3, 1), "id": case_id}))
    assert decoded == {"timestamp": NOW, "on": date(2026, 3, 1), "id": case_id}
    assert DateAsISO().decode("2026-03-01") == decoded["on"]
