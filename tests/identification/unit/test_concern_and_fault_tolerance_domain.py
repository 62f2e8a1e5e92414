"""The concern, fault-tolerance and reform-filing aggregates without I/O (calendar from data)."""

from __future__ import annotations

from datetime import date

import pytest

from services.identification.domain.concern import Concern
from services.identification.domain.errors import (
    DeterminationRefusedError,
    FaultToleranceStepRefusedError,
    FeedRecordRefusedError,
    MeasureRefusedError,
    ReformFilingStepRefusedError,
)
from services.identification.domain.fault_tolerance import FaultToleranceApplication
from services.identification.domain.fault_tolerance_deadlines import ClockSet
from services.identification.domain.feed_facts import check_fact, check_no_contradiction
from services.identification.domain.reform_filing import ReformFiling
from shared.calendar.sources import load_calendar
from shared.policy import load_packs
from shared.policy.measures import EARLY_SIGN_KEYS

# The Wangyi pack's clocks (WY-FT 8) on the official calendar.
CALENDAR = ClockSet(load_packs().get("WY-2019").fault_tolerance, load_calendar())
CADRE = {"cadre_id": "c1", "name": "n", "unit_id": "u", "post": "p", "rank": "r", "role": "unit_staff"}


def concern() -> Concern:
    return Concern(cadre=CADRE, managing_unit="m", first_signal_id="s1",
                   citation={"pack_id": "IM-2022", "article": "art. 6(8)"})


def application() -> FaultToleranceApplication:
    return FaultToleranceApplication.apply_for(
        cadre=CADRE, managing_unit="m", matter_ref="mx", grounds="g",
        citation={"pack_id": "WY-2019", "article": "art. 12(1)"},
        accountability_started_on=date(2026, 1, 5), applied_on=date(2026, 1, 6))


@pytest.mark.parametrize(("today", "status"), [
    (date(2026, 3, 31), "under_observation"),  # the deadline day itself is inside the period
    (date(2026, 4, 1), "awaiting_determination"),
])
def test_observation_expires_only_after_its_last_day(today: date, status: str) -> None:
    c = concern()
    c.set_observation(date(2026, 3, 31), "org", date(2026, 1, 10))
    c.expire_observation(today)
    assert c.status == status


def test_measures_must_be_one_of_the_six_kinds_and_determination_waits_for_observation() -> None:
    c = concern()
    c.take_measure("letter_of_inquiry", "org", date(2026, 1, 8), "函询", EARLY_SIGN_KEYS)
    with pytest.raises(MeasureRefusedError, match="public_shaming"):
        c.take_measure("public_shaming", "org", date(2026, 1, 8), "x", EARLY_SIGN_KEYS)
    c.set_observation(date(2026, 3, 31), "org", date(2026, 1, 10))
    with pytest.raises(DeterminationRefusedError, match="2026-03-31"):
        c.determine(outcome="not_substantiated", circumstances=[], evidence_refs=[],
                    determined_by="x", determined_on=date(2026, 2, 1), pack_id="IM-2022")
    assert [m["measure"] for m in c.measures] == ["letter_of_inquiry"]


def test_clocks_are_met_missed_or_late_and_steps_keep_their_order() -> None:
    a = application()
    with pytest.raises(FaultToleranceStepRefusedError):
        a.decide("granted", "x", date(2026, 1, 7), "r", CALENDAR)  # not yet accepted or verified
    a.accept("officer", date(2026, 2, 13), CALENDAR)
    assert a.clocks["investigation_report"]["due_on"] == "2026-03-12"
    assert not a.miss_clock("investigation_report", date(2026, 3, 12))  # last day still on time
    a.submit_report("officer", date(2026, 3, 16), "late report", CALENDAR)  # late: recorded
    assert a.clocks["investigation_report"]["missed"] is True
    assert a.clocks["investigation_report"]["met_on"] == "2026-03-16"
    a.defer("officer", date(2026, 3, 20), "待定", CALENDAR)
    assert a.clocks["deferred_conclusion"]["due_on"] == "2026-06-22"  # 6/20 is a Saturday
    a.decide("refused", "officer", date(2026, 6, 1), "不符合", CALENDAR)
    assert a.clocks["feedback"]["due_on"] == "2026-06-04"
    with pytest.raises(FaultToleranceStepRefusedError):
        a.revoke("x", True, "x", date(2026, 6, 2))  # only a grant can be revoked


def test_an_application_before_accountability_started_is_refused() -> None:
    with pytest.raises(FaultToleranceStepRefusedError, match="applied_on"):
        FaultToleranceApplication.apply_for(
            cadre=CADRE, managing_unit="m", matter_ref="mx", grounds="g",
            citation={"pack_id": "IM-2022", "article": "art. 6(10)"},
            accountability_started_on=date(2026, 1, 5), applied_on=date(2026, 1, 4))


def test_the_reform_review_chain_runs_in_order_and_a_return_stops_it() -> None:
    f = ReformFiling(unit_id="u", title="t", plan="p", unit_discussion="d", leader_agreed_by="l",
                     filed_by="u", filed_on=date(2026, 2, 3))
    with pytest.raises(ReformFilingStepRefusedError, match="collective_review"):
        f.review("approval", "head", True, date(2026, 2, 4), "ok")
    f.review("collective_review", "committee", False, date(2026, 2, 4), "风险不清")
    assert f.status == "returned" and f.next_stage is None
    with pytest.raises(ReformFilingStepRefusedError):
        f.defer_petition("s1")


def test_feed_facts_are_checked_against_the_pack_and_contradictions_refused() -> None:
    feeds = load_packs().get("WY-2019").feeds
    with pytest.raises(FeedRecordRefusedError, match="fact.votes"):
        check_fact(feeds, "democratic_evaluation", "cadre", {"kind": "ballot", "votes": {"maybe": 1}})
    with pytest.raises(FeedRecordRefusedError, match="subject.kind"):
        check_fact(feeds, "one_vote_veto", "cadre", {"kind": "flag", "period": 2024})
    stored = [{"record_id": "r1", "feed": "annual_assessment",
               "fact": {"kind": "grade", "period": 2024, "grade": "competent"}}]
    next_year = {"kind": "grade", "period": 2025, "grade": "excellent"}
    check_no_contradiction(stored, "annual_assessment", next_year)
    with pytest.raises(FeedRecordRefusedError, match="r1"):
        check_no_contradiction(stored, "annual_assessment",
                               {"kind": "grade", "period": 2024, "grade": "excellent"})
