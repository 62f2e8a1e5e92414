"""The deadline read model lives in no memory: a restarted service re-derives it from its log."""

from __future__ import annotations

from datetime import date, datetime, time

from services.adjustment.application import AdjustmentCases
from services.adjustment.bootstrap import bootstrap
from shared.clock import CHINA
from shared.settings import ServiceSettings

PROPOSAL = {"method": "removal", "nature": "punitive", "destination_post": "调研员", "new_rank": "一级调研员",
            "proposed_by": "组织部", "proposed_on": "2026-05-12"}


def application(settings: ServiceSettings) -> AdjustmentCases:
    app = bootstrap(settings).app
    assert isinstance(app, AdjustmentCases)
    return app


def test_a_restarted_service_flags_a_missed_deadline_once(settings: ServiceSettings) -> None:
    before_restart = application(settings)
    case_id = before_restart.open_case(
        concern_id="restart-1", cadre={"cadre_id": "k", "post": "局长", "rank": "正处级",
                                       "role": "unit_staff"},
        authority={"managing_unit": "m", "pack_id": "IM-2022"},
        circumstances=[{"pack_id": "IM-2022", "article": "art. 6(8)"}], evidence_refs=[],
        determined_by="x", determined_on=date(2026, 5, 6),
    )
    before_restart.propose(case_id, PROPOSAL)
    before_restart.decide(case_id, {
        "meeting_date": "2026-05-20", "recorded_by": "x", "consultation": None,
        "meeting": {"members_expected": 9, "present": 9, "votes_for": 9, "votes_against": 0,
                    "abstaining": 0}})
    before_restart.hold_talk(case_id, {"talker": "y", "talker_position": "unit_org_dept_head",
                                       "talk_date": "2026-05-25"})
    before_restart.clock = FixedClock(date(2026, 6, 2))
    before_restart.complete_formalities(case_id, {"recorded_by": "z"}, date(2026, 6, 1))
    assert before_restart.flag_missed_deadlines(date(2026, 7, 1)) == 0  # the last day itself
    before_restart.close()

    after_restart = application(settings)
    assert after_restart.flag_missed_deadlines(date(2026, 7, 2)) == 1
    assert after_restart.get_case(case_id).formalities_overdue_on == date(2026, 7, 2)
    assert application(settings).flag_missed_deadlines(date(2026, 8, 1)) == 0


class FixedClock:
    def __init__(self, today: date) -> None:
        self._today = today

    def today(self) -> date:
        return self._today

    def now(self) -> datetime:
        return datetime.combine(self._today, time(9), tzinfo=CHINA)
