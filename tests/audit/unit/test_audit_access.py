"""Supervisors read everything beneath them and nothing else (SPEC §8); officers reach a record
through the units that manage its cadre, never through the cadre's post unit; the access log
holds every service's records once, apart from the cadres' timelines, old reads included."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from services.audit.adapters.read_model import AuditReadModel
from services.audit.application import AuditRecords
from services.audit.domain.access import record_authority, record_units
from services.audit.domain.access_log import LogQuery, is_supervisory_read
from services.audit.domain.errors import ForeignAccessRecordError
from services.audit.domain.reading import SupervisorRead
from services.audit.handlers import record_every_event
from services.audit.targets import of_cadre
from shared.access.org_tree import OrgTree, load_org_tree
from shared.access.policy import Action, decide
from shared.access.principal import Principal
from shared.access.record import AccessRecord
from shared.contract.access_events import AccessRecorded
from shared.contract.codec import IntegrationEvent
from shared.contract.envelope import Envelope
from shared.eventstore.application import inbox_tracking
from tests.audit.case_events import entries_of, whole_case

TREE = OrgTree(parents={"region": "central", "city-a": "region", "city-b": "region", "bureau-a": "city-a"},
               scopes={"team-3": ("city-b",)})
AT = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("reader", "unit", "allowed"), [
    ("central", "bureau-a", True),
    ("region", "bureau-a", True),
    ("city-a", "bureau-a", True),
    ("city-a", "city-a", True),
    ("bureau-a", "city-a", False),   # never upwards
    ("city-b", "bureau-a", False),   # never sideways
    ("team-3", "city-b", True),      # an inspection team reads where it was sent
    ("team-3", "bureau-a", False),
    ("region", "unknown-unit", False),
])
def test_reading_is_allowed_only_beneath_the_reader(reader: str, unit: str, allowed: bool) -> None:
    assert TREE.may_read(reader, [unit]) is allowed


def test_the_units_of_a_record_and_the_bundled_tree() -> None:
    units = record_units(entries_of(whole_case()))
    assert units == {"org:baotou-municipal", "unit:bt-housing-bureau"}
    tree = load_org_tree()
    assert tree.may_read("org:inner-mongolia-region", units)
    assert not tree.may_read("org:hohhot-municipal", units)
    assert tree.may_read("inspection:region-team-3", units)


def test_a_cycle_in_the_tree_does_not_loop() -> None:
    assert not OrgTree(parents={"a": "b", "b": "a"}).may_read("c", ["a"])


def test_officers_reach_a_record_through_its_managing_unit_not_the_cadres_post_unit() -> None:
    authority = record_authority(entries_of(whole_case()))
    assert authority.managing_units == {"org:baotou-municipal"}
    assert authority.post_unit == "unit:bt-housing-bureau"
    target, tree = of_cadre("cadre-a", authority), load_org_tree()

    def may(role: str, unit: str) -> bool:
        return decide(Principal("p", role, unit), Action.READ_RECORD, target, tree).allowed  # type: ignore[arg-type]

    assert may("case_officer", "org:baotou-municipal")
    assert not may("case_officer", "unit:bt-housing-bureau")  # the post unit does not manage the cadre
    assert may("supervisor", "org:inner-mongolia-region") and not may("supervisor", "org:lingang-zone")
    assert not may("cadre", "unit:bt-housing-bureau")
    nothing = of_cadre("cadre-x", record_authority([]))
    assert not decide(Principal("p", "case_officer", "org:baotou-municipal"), Action.READ_RECORD,
                      nothing, tree).allowed


def reported(record_id: str, source: str = "adjustment") -> IntegrationEvent:
    payload = AccessRecorded(
        record_id=record_id, service="adjustment", principal="officer-9", role="case_officer",
        unit="org:hohhot-municipal", action="act_on_case", what="POST /cases/c-1/steps", outcome="denied",
        rule="jurisdiction.managing_unit", reason="org:hohhot-municipal does not manage this record",
        cadre_id="cadre-a", units=["org:baotou-municipal"], policy_version="access-policy/2026.1", at=AT)
    envelope = Envelope(id=f"evt-{record_id}", type="AccessRecorded", version=1,
                        source=source, occurred_at=AT, cadre_id="cadre-a",
                        data=payload.model_dump(mode="json"))
    return IntegrationEvent(envelope=envelope, payload=payload)


def test_other_services_access_records_go_to_the_log_once_and_never_to_a_timeline() -> None:
    app = AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    events = whole_case()
    for event in events:
        record_every_event(app, event, inbox_tracking("audit", event.id))
    record_id = str(uuid4())
    record_every_event(app, reported(record_id), inbox_tracking("audit", "evt-1"))
    # The same record published again under another message id is still kept once.
    record_every_event(app, reported(record_id), inbox_tracking("audit", "evt-1-again"))
    assert [e["event_id"] for e in app.timeline("cadre-a")] == [e.id for e in events]
    [entry] = AuditReadModel(app).access_log()
    assert (entry["record_id"], entry["service"], entry["outcome"], entry["units"], entry["at"]) == (
        record_id, "adjustment", "denied", ["org:baotou-municipal"], AT)
    assert not is_supervisory_read(entry)


def test_a_service_cannot_publish_another_services_access_record() -> None:
    app = AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with pytest.raises(ForeignAccessRecordError):
        record_every_event(app, reported(str(uuid4()), source="followup"), inbox_tracking("audit", "x"))
    assert AuditReadModel(app).access_log() == []


def test_the_log_holds_the_audits_own_records_and_the_reads_recorded_before_the_policy() -> None:
    app = AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.save(SupervisorRead(reader="zhao", reader_unit="org:central", reason="inspection",
                            what="cadre cadre-a timeline as of now", at=AT.isoformat(), allowed=True))
    app.save(AccessRecord(
        service="audit", principal="qian", role="supervisor", unit="org:lingang-zone", action="read_record",
        what="GET /cadres/cadre-a/timeline", allowed=False, rule="jurisdiction.subtree",
        reason="the record does not lie beneath org:lingang-zone", policy_version="access-policy/2026.1",
        at=AT.replace(hour=9), stated_purpose="检查", cadre_id="cadre-a", units=["org:baotou-municipal"]))
    old, own = AuditReadModel(app).access_log()
    assert (old["principal"], old["unit"], old["stated_purpose"], old["outcome"]) == (
        "zhao", "org:central", "inspection", "allowed")
    assert (own["principal"], own["outcome"], own["rule"], own["stated_purpose"]) == (
        "qian", "denied", "jurisdiction.subtree", "检查")
    assert is_supervisory_read(old) and is_supervisory_read(own)
    assert LogQuery(outcome="denied").select([old, own]) == [own]
    assert LogQuery(principal="zhao").select([old, own]) == [old]
    assert LogQuery(since=AT.replace(hour=9)).select([old, own]) == [own]
    assert LogQuery(service="adjustment").select([old, own]) == []
