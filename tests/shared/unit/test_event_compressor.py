"""The event compressor writes ordinary zlib streams: interchangeable with the library's."""

from __future__ import annotations

import json
import zlib

import pytest
from eventsourcing.compressor import ZlibCompressor

from shared.eventstore.compressor import EventCompressor

EVENT = json.dumps({
    "cadre": {"cadre_id": "pet-c1", "name": "干部1", "unit_id": "unit:pet-1", "post": "局长",
              "rank": "正处级"},
    "managing_unit": "unit:org", "citation": {"pack_id": "IM-2022", "article": "art. 11"},
    "timestamp": "2026-11-21T18:00:00+00:00",
    "originator_topic": "services.identification.domain.concern:Concern",
}, ensure_ascii=False).encode()


@pytest.mark.parametrize("data", [b"", EVENT, EVENT * 40, bytes(range(256)) * 64])
def test_what_it_writes_the_library_reads_and_the_other_way_round(data: bytes) -> None:
    ours, library = EventCompressor(), ZlibCompressor()
    assert library.decompress(ours.compress(data)) == data
    assert ours.decompress(library.compress(data)) == data
    assert zlib.decompress(ours.compress(data)) == data


def test_an_event_compresses_about_as_well_as_with_the_full_window() -> None:
    ours = len(EventCompressor().compress(EVENT))
    full = len(zlib.compress(EVENT))
    assert ours < len(EVENT)
    assert ours <= full * 1.1
