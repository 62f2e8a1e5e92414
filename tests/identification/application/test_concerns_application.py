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


def test_an_appeal_that_modifies_the_adjustment_moves_the_register_to_the_post_it_decided(
    app: Concerns,
) -> None:
    from eventsourcing.persistence import Tracking

    from services.identification.domain.register.entry import AuthorityHeld, PostHeld, RegisterEntry
    from services.identification.register_handlers import when_adjustment_corrected_move_back
    from shared.contract import events as contract
    from shared.contract.codec import IntegrationEvent, envelope_for

    app.import_register([RegisterEntry(
        cadre_id="c-9", name="王建国", post=PostHeld("副局长", "unit:bt-x", "副处级", "县处级副职"),
        authority=AuthorityHeld("org:bt", None, "org:bt", "IM-2022"))], date(2026, 1, 5), "import:1")
    corrected = contract.AdjustmentCorrected(
        case_id="case-9", cadre_id="c-9", appeal_id="ap-9", outcome="modified", reason="改为调离岗位",
        restored_post="市政策研究室副主任", restored_rank="副处级", new_method="transfer",
        effective_on=date(2026, 7, 10))
    envelope = envelope_for(corrected, event_id="m-9", source="adjustment", cadre_id="c-9",
                            occurred_at="2026-07-10T00:00:00+08:00")
    when_adjustment_corrected_move_back(app, IntegrationEvent(envelope, corrected), Tracking("t", 1))
    record = app.cadre_record("c-9")
    assert record is not None
    assert record.post["post"] == "市政策研究室副主任" and record.post["rank"] == "副处级"
    assert record.post["unit_id"] == "unit:bt-x"  # what the appeal left unnamed is kept
    assert record.posts[-1]["reason"] == "correction:ap-9"


def test_with_the_register_required_a_cadre_it_does_not_list_opens_no_concern(app: Concerns) -> None:
    app.register_required = True  # production's default (CADRE_REGISTER_REQUIRED)
    result = app.report_circumstance(report("s-unlisted", "c-unlisted"))
    assert result.unresolved and result.concern_id is None
    assert app.concerns_of("c-unlisted") == []
    app.register_required = False  # elsewhere: a unit without a register is taken at its word
    assert app.report_circumstance(report("s-listed-later", "c-other")).concern_id is not None
