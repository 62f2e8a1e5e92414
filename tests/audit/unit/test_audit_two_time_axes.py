"""The record's two time axes (issue: a late arrival must not rewrite what the past looked like):
what had taken effect by a moment, as the record knew it at another moment, through the real
handler and the aggregates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from services.audit.application import AuditRecords
from services.audit.domain.timing import CST, moment, with_timing
from services.audit.handlers import record_every_event
from shared.eventstore.application import inbox_tracking
from tests.audit.case_events import CASE_A, cadre_ref, integration_event, whole_case


class SetClock:
    """The audit's clock, set by the test (the record's recording time axis)."""

    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()


KNOWN_FIRST = datetime(2026, 7, 20, 10, 0, tzinfo=CST)  # the whole case is recorded then
KNOWN_LATER = datetime(2026, 8, 3, 15, 0, tzinfo=CST)  # a back-dated signal arrives then


@pytest.fixture
def app() -> AuditRecords:
    app = AuditRecords(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.clock = SetClock(KNOWN_FIRST)
    for event in whole_case():
        record_every_event(app, event, inbox_tracking("audit", event.id))
    return app


def back_dated_signal() -> object:
    """Published today, saying it happened in 2020."""
    data = {"signal_id": "xf-2020-0301", "source_system": "petitions", "channel": "daily_understanding",
            "reporter": "市信访局", "cadre": cadre_ref("cadre-a"), "managing_unit": "org:baotou-municipal",
            "citation": {"pack_id": "IM-2022", "article": "art. 6(3)"}, "summary": "2020年推诿扯皮",
            "evidence_refs": [], "reported_at": "2020-03-01T09:00:00+08:00"}
    return integration_event("CircumstanceReported", data, cadre_id="cadre-a", at=KNOWN_LATER,
                             source="petitions", event_id="m-xf-2020-0301")


def record_late(app: AuditRecords) -> None:
    app.clock = SetClock(KNOWN_LATER)
    event = back_dated_signal()
    record_every_event(app, event, inbox_tracking("audit", "m-xf-2020-0301"))  # type: ignore[arg-type]


def signal_ids(entries: list[dict[str, object]]) -> list[object]:
    return [e["data"]["signal_id"] for e in entries if e["type"] == "CircumstanceReported"]  # type: ignore[index]


def test_a_back_dated_signal_is_absent_as_known_before_it_arrived_and_present_after(
    app: AuditRecords,
) -> None:
    record_late(app)
    in_2021 = datetime(2021, 1, 1, tzinfo=CST)
    # As the record stands now, the 2020 signal was in effect in 2021 ...
    assert signal_ids(app.timeline("cadre-a", as_of=in_2021)) == ["xf-2020-0301"]
    # ... but as the record was known before it arrived, nothing was.
    assert app.timeline("cadre-a", as_of=in_2021, as_known_at=KNOWN_LATER - timedelta(seconds=1)) == []
    assert signal_ids(app.timeline("cadre-a", as_of=in_2021, as_known_at=KNOWN_LATER)) == ["xf-2020-0301"]
    # Recording time alone: the whole case was known on the first day, the late signal only after.
    known_first = app.timeline("cadre-a", as_known_at=KNOWN_FIRST)
    assert len(known_first) == len(whole_case()) and "xf-2020-0301" not in signal_ids(known_first)
    assert len(app.timeline("cadre-a")) == len(whole_case()) + 1


def test_the_late_entry_keeps_both_times_and_is_shown_as_back_dated_and_late(app: AuditRecords) -> None:
    record_late(app)
    entries = app.timeline("cadre-a")
    late = entries[-1]
    assert late["effective"] == {"at": "2020-03-01T09:00:00+08:00", "field": "reported_at",
                                 "stated_by": "petitions"}
    assert moment(late["recorded_at"]) == KNOWN_LATER
    timing = with_timing(entries)[-1]["timing"]
    assert timing["back_dated"] and timing["late"] and timing["known_days_after_effect"] > 2000
    first = with_timing(entries)[0]["timing"]
    assert not first["late"]


def test_as_of_the_decisions_effective_date_shows_the_decision(app: AuditRecords) -> None:
    decided = next(e for e in whole_case() if e.type == "AdjustmentDecided")
    # The adjustment service stored it in the evening; it took effect on the day of the meeting.
    assert decided.envelope.occurred_at > moment(decided.envelope.data["decided_on"])
    state = app.case_file(CASE_A.case_id).state(as_of=moment("2026-05-20"))
    assert state["status"] == "decided" and state["arrangement"]["decided_on"] == "2026-05-20"
    assert [p["step"] for p in state["procedure"]] == ["verify_determine", "propose", "decide"]
    before = app.case_file(CASE_A.case_id).state(as_of=moment("2026-05-19T23:59:59+08:00"))
    assert before["status"] == "proposed" and before["arrangement"] is None


def test_the_case_state_as_known_before_the_record_learnt_of_it_is_empty(app: AuditRecords) -> None:
    case = app.case_file(CASE_A.case_id)
    assert case.state(as_known_at=KNOWN_FIRST - timedelta(seconds=1))["entries"] == 0
    assert case.state(as_of=moment("2026-05-20"), as_known_at=KNOWN_FIRST)["status"] == "decided"
