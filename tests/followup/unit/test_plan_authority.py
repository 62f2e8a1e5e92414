"""The authority kept on a plan decides who reaches it; plans stored before adjustments named their
authority still load, and are nobody's jurisdiction."""

from __future__ import annotations

from datetime import date

from eventsourcing.persistence import StoredEvent

from services.followup.adapters.plan_terms import plan_terms_from
from services.followup.application import FollowUpPlans
from services.followup.plan_access import cadre_target, plan_target
from shared.policy.registry import load_packs
from tests.followup.unit.plans import open_plan

AUTHORITY_FIELDS = ("managing_unit", "co_managing_unit", "cadre_unit")


def test_the_plan_keeps_the_managing_co_managing_and_post_units() -> None:
    plan = open_plan("IM-2022", "removal", date(2026, 6, 1), managing_unit="org:city",
                     co_managing_unit="org:bureau-committee")
    target = plan_target(plan)
    assert target.known
    assert target.managing_units == {"org:city", "org:bureau-committee"}
    assert (target.cadre_id, target.cadre_unit) == ("cadre-1", "unit-1")


def test_a_plan_opened_without_an_authority_is_nobodys_jurisdiction() -> None:
    target = plan_target(open_plan("IM-2022", "removal", date(2026, 6, 1)))
    assert not target.known
    assert target.cadre_id == "cadre-1"  # named in the record of the refusal


def test_an_opened_event_stored_before_the_authority_fields_still_loads() -> None:
    app = FollowUpPlans(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.plan_terms = plan_terms_from(load_packs())
    opened = open_plan("IM-2022", "removal", date(2026, 6, 1), managing_unit="org:city").collect_events()[0]
    stored = app.mapper.to_stored_event(opened)
    state = app.mapper.transcoder.decode(stored.state)
    assert set(AUTHORITY_FIELDS) <= set(state)
    for key in AUTHORITY_FIELDS:
        del state[key]
    app.recorder.insert_events([StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                                            app.mapper.transcoder.encode(state))])

    plan = app.get_plan(opened.originator_id)
    assert (plan.managing_unit, plan.co_managing_unit, plan.cadre_unit) == (None, None, None)
    assert plan.method == "removal"
    assert not plan_target(plan).known


def test_the_promotion_check_is_reached_through_any_plan_with_a_known_authority() -> None:
    earlier = open_plan("IM-2022", "removal", date(2025, 6, 1), case_id="c-1", managing_unit="org:old")
    later = open_plan("IM-2022", "demotion", date(2026, 6, 1), case_id="c-2", managing_unit="org:new")
    unknown = open_plan("IM-2022", "removal", date(2026, 7, 1), case_id="c-3")
    target = cadre_target("cadre-1", [later, unknown, earlier])
    assert target.known
    assert target.managing_units == {"org:old", "org:new"}
    assert (target.cadre_id, target.cadre_unit) == ("cadre-1", "unit-1")
    assert not cadre_target("cadre-1", [unknown]).known
    assert not cadre_target("cadre-1", []).known
