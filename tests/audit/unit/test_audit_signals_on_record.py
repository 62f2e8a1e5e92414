"""Every signal on the record once, tied to its concern and case by the ids the services publish:
the case's basis names each signal and its channel, statistics count by channel, and a re-sent
signal (a new message id, or the same signal once from its producer and once over HTTP) appears
once."""

from __future__ import annotations

import pytest

from services.audit.application import AuditRecords
from services.audit.domain.statistics import adjustment_statistics
from services.audit.handlers import record_every_event
from shared.contract.codec import IntegrationEvent
from shared.eventstore.application import inbox_tracking
from tests.audit.case_events import CASE_A, integration_event, whole_case


@pytest.fixture
def app() -> AuditRecords:
    return AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def feed(app: AuditRecords, events: list[IntegrationEvent], message_ids: list[str] | None = None) -> None:
    for event, message_id in zip(events, message_ids or [e.id for e in events], strict=True):
        record_every_event(app, event, inbox_tracking("audit", message_id))


def resent(event: IntegrationEvent, message_id: str, source: str | None = None) -> IntegrationEvent:
    return integration_event(event.type, event.envelope.data, cadre_id=event.envelope.cadre_id,
                             at=event.envelope.occurred_at, event_id=message_id,
                             source=source or event.envelope.source)


def test_both_signals_of_the_concern_are_the_cases_basis_with_their_channels(app: AuditRecords) -> None:
    feed(app, whole_case(joined_signal=True))
    case = app.case_file(CASE_A.case_id)
    reported = [e for e in case.timeline() if e["type"] == "CircumstanceReported"]
    assert [e["data"]["source_system"] for e in reported] == ["discipline", "petitions"]
    basis = case.state()["basis"]["signals"]
    assert [(s["signal_id"], s["channel"]) for s in basis] == [
        (CASE_A.signal_id, "supervision_results"), ("xf-2026-a", "daily_understanding")]
    assert adjustment_statistics([case.state()])["by"]["channel"] == {
        "daily_understanding": 1, "supervision_results": 1}


def test_a_signal_resent_under_a_new_message_id_appears_once(app: AuditRecords) -> None:
    events = whole_case()
    feed(app, events)
    feed(app, [resent(events[0], "resent-message-id")])
    reported = [e for e in app.timeline("cadre-a") if e["type"] == "CircumstanceReported"]
    assert len(reported) == 1 and reported[0]["event_id"] == events[0].id
    assert len(app.case_file(CASE_A.case_id).state()["basis"]["signals"]) == 1


def test_a_signal_reported_over_http_as_well_as_by_its_producer_appears_once(app: AuditRecords) -> None:
    events = whole_case()
    # identification publishes the HTTP report as its own CircumstanceReported, same reporter id
    feed(app, [resent(events[0], "identification-http-copy", source="identification"), *events[1:]])
    feed(app, [events[0]])
    reported = [e for e in app.timeline("cadre-a") if e["type"] == "CircumstanceReported"]
    assert [e["source"] for e in reported] == ["identification"]
    assert app.case_file(CASE_A.case_id).state()["basis"]["signals"][0]["signal_id"] == CASE_A.signal_id


def test_each_step_names_its_authenticated_actor_and_a_producer_is_its_own(app: AuditRecords) -> None:
    feed(app, whole_case())
    entries = app.timeline("cadre-a")
    assert entries[0]["actor"] == {"id": "discipline", "name": None, "role": "producer", "unit": None,
                                   "on_behalf_of": None}
    propose = next(e for e in entries if e["data"].get("step") == "propose")
    assert propose["actor"]["id"] == "li.min" and propose["actor"]["role"] == "case_officer"
    decided = next(e for e in entries if e["type"] == "AdjustmentDecided")
    assert (decided["actor"]["id"], decided["actor"]["on_behalf_of"]) == ("wang.fang", "市委")
