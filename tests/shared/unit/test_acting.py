"""The acting principal: a body may name only the authenticated person as its recorder, the
organ acted for is kept beside them, and every event a command causes stores the actor."""

from __future__ import annotations

import pytest
from eventsourcing.domain import Aggregate, event

from shared.access.acting import ActedFor, Acting, ActorMismatchError, RecordedBy
from shared.access.principal import Principal
from shared.eventstore.actor import actor_of
from shared.eventstore.application import ServiceApplication

LI = Principal(subject="li.min", role="case_officer", unit="org:baotou-municipal", name="李敏")


class StepBody(ActedFor):
    recorded_by: RecordedBy = None
    on: str = "2026-05-12"


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text

    @event("Amended")
    def amend(self, text: str) -> None:
        self.text = text


def test_an_empty_recorder_field_is_filled_with_the_principal_and_the_organ_kept_beside() -> None:
    body = StepBody(on_behalf_of="市委办公室")
    acting = Acting(LI).attribute(body)
    assert body.recorded_by == "李敏"
    assert acting.record() == {"id": "li.min", "name": "李敏", "role": "case_officer",
                               "unit": "org:baotou-municipal", "on_behalf_of": "市委办公室"}
    assert body.fields() == {"recorded_by": "李敏", "on": "2026-05-12"}  # whom for: with the actor


@pytest.mark.parametrize("named", ["li.min", "李敏", " 李敏 ", "case_officer:li.min@org:baotou-municipal"])
def test_naming_oneself_is_accepted(named: str) -> None:
    Acting(LI).attribute(StepBody(recorded_by=named))


def test_naming_someone_else_is_refused_naming_the_field_in_both_languages() -> None:
    with pytest.raises(ActorMismatchError) as refused:
        Acting(LI).attribute(StepBody(recorded_by="市委办公室 王五"))
    assert refused.value.field == "recorded_by"
    assert "not the authenticated principal li.min" in str(refused.value)
    assert "须为当前登录者本人" in str(refused.value)


def test_every_event_a_command_causes_stores_the_actor_and_reads_back_with_it() -> None:
    app = ServiceApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    note = Note(text="x")
    note.amend("y")
    app.save(note, acting=Acting(LI, on_behalf_of="市委"))
    job = app.repository.get(note.id)
    job.amend("z")
    app.save(job)  # a service's own act: no actor
    stored = [app.mapper.to_domain_event(s) for s in app.recorder.select_events(note.id)]
    assert [(actor_of(e) or {}).get("id") for e in stored] == ["li.min", "li.min", None]
    assert actor_of(stored[0])["on_behalf_of"] == "市委"  # type: ignore[index]
    assert app.repository.get(note.id).text == "z"  # replay ignores the stored actor
