"""The identification application with its store swapped: one test body on SQLite and on
PostgreSQL (as eventsourcing's own examples run theirs), driving the application's commands
directly, no HTTP and no NATS."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from services.identification.application import Concerns
from services.identification.domain.values import HTTP
from shared.eventstore.schema import ensure_schema
from shared.settings import ServiceSettings
from tests.shared.integration.test_outbox_relay import report


@pytest.fixture(params=["sqlite", "postgres"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Concerns]:
    if request.param == "sqlite":
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
               "SQLITE_DBNAME": str(tmp_path / "identification.sqlite3")}
    else:
        settings: ServiceSettings = request.getfixturevalue("settings")
        ensure_schema(settings, "identification")
        env = settings.eventsourcing_env("identification")
    application = Concerns(env=env)
    yield application
    application.close()


def test_a_signal_opens_a_concern_that_is_verified_and_determined_and_a_resend_changes_nothing(
    app: Concerns,
) -> None:
    first = app.report_circumstance(dataclasses.replace(report("s-1", "c-1"), received_via=HTTP))
    again = app.report_circumstance(dataclasses.replace(report("s-1", "c-1"), received_via=HTTP))
    assert again.duplicate and again.signal_id == first.signal_id
    second = app.report_circumstance(report("s-2", "c-1"))
    assert second.concern_id == first.concern_id  # joins the open concern
    assert first.concern_id is not None
    app.take_measure(first.concern_id, measure="reminder", taken_by="李敏", taken_on=date(2026, 3, 2),
                     content="提醒谈话")
    app.verify(first.concern_id, evidence_refs=["督查通报"], interviews=[], verified_by="李敏",
               verified_on=date(2026, 3, 5), summary="核实不属实")
    app.determine(first.concern_id, outcome="not_substantiated", circumstances=[], evidence_refs=[],
                  determined_by="市委组织部", determined_on=date(2026, 3, 6))
    (concern,) = app.concerns_of("c-1")
    assert concern.status == "not_substantiated"
    assert len(concern.signal_ids) == 2 and len(concern.measures) == 1
    # A later signal opens a new concern: the closed one is not reopened by it.
    third = app.report_circumstance(report("s-3", "c-1"))
    assert third.concern_id not in (None, first.concern_id)
    assert [c.status for c in app.concerns_of("c-1")] == ["not_substantiated", "open"]
