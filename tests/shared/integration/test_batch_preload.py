"""Aggregates a batch names up front are loaded in one query (shared.eventstore.preload): the gets
that follow see exactly what a plain get would, and a writer that gets in between is not lost."""

from __future__ import annotations

import pytest
from eventsourcing.persistence import IntegrityError

from shared.eventstore.application import inbox_tracking
from shared.settings import ServiceSettings
from tests.shared.integration.test_batched_inbox import Tallies, Tally, tallies


def _tally(app: Tallies, cadre_id: str, *signals: str) -> Tally:
    tally = app.tally(cadre_id) or Tally(cadre_id=cadre_id)
    for signal in signals:
        tally.count(signal)
    app.save(tally)
    return tally


def test_preloaded_aggregates_are_what_a_plain_get_returns(settings: ServiceSettings) -> None:
    writer, reader = tallies(settings), tallies(settings)  # two replicas, two caches
    _tally(writer, "cached", "s1")
    _tally(writer, "uncached", "s1", "s2")
    assert reader.tally("cached") is not None  # the reader's cache now holds version 2
    _tally(writer, "cached", "s2", "s3")  # …which is now behind
    ids = [Tally.create_id(c) for c in ("cached", "uncached", "absent")]
    with reader.batch():
        loaded = reader.preload(ids)
        assert set(loaded) == set(ids) and loaded[ids[2]] is None
        cached, uncached = reader.tally("cached"), reader.tally("uncached")
        assert reader.tally("absent") is None
    assert cached is not None and cached.signals == ["s1", "s2", "s3"] and cached.version == 4
    assert uncached is not None and uncached.signals == ["s1", "s2"]
    plain = reader.tally("cached")
    assert plain is not None and plain.signals == cached.signals and plain.version == cached.version


def test_an_aggregate_made_in_the_batch_replaces_its_preloaded_absence(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    with app.batch():
        app.preload([Tally.create_id("new")])
        tally = app.tally("new") or Tally(cadre_id="new")
        tally.count("s1")
        app.save(tally, tracking=inbox_tracking("t", "m1"))
        again = app.tally("new")
        assert again is tally
        again.count("s2")
        app.save(again, tracking=inbox_tracking("t", "m2"))
    stored = app.tally("new")
    assert stored is not None and stored.signals == ["s1", "s2"]


def test_a_write_between_preload_and_commit_fails_the_batch_and_is_kept(
    settings: ServiceSettings,
) -> None:
    app, other = tallies(settings), tallies(settings)
    _tally(app, "raced", "s1")
    with pytest.raises(IntegrityError), app.batch():
        app.preload([Tally.create_id("raced")])
        _tally(other, "raced", "other-replica")  # stored after the preload's query
        tally = app.tally("raced")
        assert tally is not None and tally.signals == ["s1"]  # as preloaded
        tally.count("s2")
        app.save(tally, tracking=inbox_tracking("t", "m1"))
    stored = app.tally("raced")
    assert stored is not None and stored.signals == ["s1", "other-replica"]
    assert not app.has_processed(inbox_tracking("t", "m1"))


def test_a_preloaded_copy_changed_but_not_saved_leaves_the_cache_alone(
    settings: ServiceSettings,
) -> None:
    app = tallies(settings)
    _tally(app, "kept", "s1")
    with app.batch():
        app.preload([Tally.create_id("kept")])
        tally = app.tally("kept")
        assert tally is not None
        tally.count("never-saved")
        # A second get loads afresh rather than handing out the changed copy again.
        fresh = app.tally("kept")
        assert fresh is not None and fresh.signals == ["s1"]
    stored = app.tally("kept")
    assert stored is not None and stored.signals == ["s1"]


def test_outside_a_batch_preload_does_nothing(settings: ServiceSettings) -> None:
    app = tallies(settings)
    _tally(app, "plain", "s1")
    assert app.preload([Tally.create_id("plain")]) == {}
    tally = app.tally("plain")
    assert tally is not None and tally.signals == ["s1"]
