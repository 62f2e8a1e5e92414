"""The audit record per cadre and per case, fed through the real handler: identification stage
filed with the case, duplicates without effect, and the state as of any moment (IM 22, IM 32)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from eventsourcing.persistence import IntegrityError

from services.audit.application import AuditRecords
from services.audit.domain.errors import RecordNotFoundError
from services.audit.domain.timing import moment
from services.audit.handlers import record_every_event
from shared.eventstore.application import inbox_tracking
from tests.audit.case_events import CASE_A, whole_case


@pytest.fixture
def app() -> AuditRecords:
    return AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def feed(app: AuditRecords, events: list) -> None:
    for event in events:
        record_every_event(app, event, inbox_tracking("audit", event.id))


def test_every_event_is_on_the_cadre_record_and_the_case_file_in_order(app: AuditRecords) -> None:
    events = whole_case()
    feed(app, events)
    assert [e["event_id"] for e in app.timeline("cadre-a")] == [e.id for e in events]
    case = app.case_file(CASE_A.case_id)
    # The identification stage (before the case existed) is filed with the case too.
    assert [e["type"] for e in case.timeline()[:4]] == [
        "CircumstanceReported", "ConcernOpened", "UnsuitabilityDetermined", "ConcernClosed"]
    assert len(case.timeline()) == len(events)


def test_the_timeline_keeps_the_fields_the_e2e_path_reads(app: AuditRecords) -> None:
    feed(app, whole_case()[:1])
    entry = app.timeline("cadre-a")[0]
    assert {"source", "type", "data", "trace_id", "occurred_at", "event_id"} <= set(entry)
    assert entry["source"] == "discipline"


def test_a_redelivered_message_or_a_republished_event_changes_nothing(app: AuditRecords) -> None:
    events = whole_case()
    feed(app, events)
    with pytest.raises(IntegrityError):  # same message again: the inbox tracking refuses it
        record_every_event(app, events[5], inbox_tracking("audit", events[5].id))
    record_every_event(app, events[5], inbox_tracking("audit", "another-message-id"))
    assert len(app.timeline("cadre-a")) == len(events)
    assert len(app.case_file(CASE_A.case_id).timeline()) == len(events)


def test_the_case_state_holds_the_five_im32_fields_with_appeal_and_correction(app: AuditRecords) -> None:
    feed(app, whole_case())
    state = app.case_file(CASE_A.case_id).state()
    assert state["reason"] == "担当作为不力造成较大损失"
    assert state["basis"]["circumstances"] == [{"pack_id": "IM-2022", "article": "art. 6(8)"}]
    assert [p["step"] for p in state["procedure"]] == [
        "verify_determine", "propose", "decide", "talk", "formalities"]
    assert state["arrangement"]["method"] == "removal"  # the original stays; the correction is added
    assert state["follow_up"]["plan_id"] == CASE_A.plan_id and len(state["follow_up"]["items"]) == 1
    assert state["appeals"][0]["outcome"] == "modified"
    assert state["corrections"][0]["new_method"] == "lateral_move"
    assert state["status"] == "modified"
    assert "王芳" in state["handlers"] and "赵强" in state["handlers"]
    # Who authenticated for each step a person took (the first step followed the determination).
    assert [(p["step"], (p.get("actor") or {}).get("id")) for p in state["procedure"]] == [
        ("verify_determine", None), ("propose", "li.min"), ("decide", "wang.fang"), ("talk", "li.min"),
        ("formalities", "li.min")]
    assert {a["id"] for a in state["actors"]} == {"li.min", "wang.fang", "cadre-a"}


def test_as_of_returns_the_state_before_and_after_each_step(app: AuditRecords) -> None:
    events = whole_case()
    feed(app, events)
    case = app.case_file(CASE_A.case_id)
    steps = [e for e in events if e.type == "AdjustmentStepRecorded"]
    for n, event in enumerate(steps):  # as of the day each step was taken, as adjustment stated it
        on = moment(event.envelope.data["on"])
        before, after = case.state(on - timedelta(seconds=1)), case.state(on)
        assert [p["step"] for p in before["procedure"]] == [s.envelope.data["step"] for s in steps[:n]]
        assert [p["step"] for p in after["procedure"]] == [s.envelope.data["step"] for s in steps[: n + 1]]
    correction = next(e for e in events if e.type == "AdjustmentCorrected")
    corrected = moment(correction.envelope.data["effective_on"])
    assert case.state(corrected - timedelta(seconds=1))["corrections"] == []
    assert case.state(corrected)["status"] == "modified"
    reported = moment(events[0].envelope.data["reported_at"])
    assert app.timeline("cadre-a", reported - timedelta(seconds=1)) == []


def test_an_unknown_cadre_or_case_is_not_found(app: AuditRecords) -> None:
    with pytest.raises(RecordNotFoundError):
        app.timeline("nobody")
    with pytest.raises(RecordNotFoundError):
        app.case_file("no-case")
