"""The application on in-memory persistence: an appeal correction shortens or ends a plan, and the
promotion check's read model (projected from the stored log) follows; appeals and concerns count."""

from __future__ import annotations

from datetime import date

from services.followup.adapters.plan_terms import plan_terms_from
from services.followup.application import FollowUpPlans
from shared.eventstore.application import inbox_tracking
from shared.policy.registry import load_packs


def plans_app() -> FollowUpPlans:
    app = FollowUpPlans(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    app.plan_terms = plan_terms_from(load_packs())
    return app


def open_demotion(app: FollowUpPlans) -> None:
    app.open_plan(case_id="case-9", cadre_id="cadre-9", pack_id="WY-2019", method="demotion",
                  effective_on=date(2026, 3, 1), former_post="局长", former_rank="正处级")


def test_a_modified_appeal_shortens_the_plan_and_the_promotion_check_follows() -> None:
    app = plans_app()
    open_demotion(app)
    assert app.promotion_check("cadre-9", date(2027, 6, 1), None)[0] is False  # 2 years: to 2028-03-01
    app.correct_plan(case_id="case-9", outcome="modified", reason="申诉改为免职", appeal_id="ap-1",
                     new_method="removal", corrected_on=date(2026, 9, 1),
                     tracking=inbox_tracking("t", "m-1"))
    plan = app.plans_of("cadre-9")[0]
    assert plan.impact_period_ends_on == date(2027, 3, 1)
    assert plan.method == "removal"
    assert plan.corrections[0]["reason"] == "申诉改为免职"
    assert app.promotion_check("cadre-9", date(2027, 3, 1), None)[0] is False
    assert app.promotion_check("cadre-9", date(2027, 3, 2), None)[0] is True


def test_a_revoked_adjustment_ends_the_plan_and_lifts_the_bar() -> None:
    app = plans_app()
    open_demotion(app)
    app.correct_plan(case_id="case-9", outcome="revoked", reason="申诉撤销", appeal_id="ap-2",
                     new_method=None, corrected_on=date(2026, 9, 1),
                     tracking=inbox_tracking("t", "m-2"))
    plan = app.plans_of("cadre-9")[0]
    assert plan.ended_on == date(2026, 9, 1) and plan.next_wake_on() is None
    allowed, reasons = app.promotion_check("cadre-9", date(2026, 10, 1), None)
    assert allowed is True, reasons
    assert app.scan(date(2030, 1, 1)) == 0  # nothing flagged, no eligibility on an ended plan


def test_pending_appeals_and_open_concerns_stand_against_promotion_until_closed() -> None:
    app = plans_app()
    appeal = {"appeal_id": "ap-3", "case_id": "case-x", "lodged_on": date(2026, 5, 1)}
    app.note_appeal("cadre-5", appeal, decided=False, tracking=inbox_tracking("t", "m-3"))
    app.note_concern("cadre-5", "concern-1", opened=True)
    allowed, reasons = app.promotion_check("cadre-5", date(2026, 6, 1), "正处级")
    assert allowed is False and len(reasons) == 2
    app.note_appeal("cadre-5", {"appeal_id": "ap-3", "outcome": "upheld", "decided_on": date(2026, 6, 1)},
                    decided=True, tracking=inbox_tracking("t", "m-4"))
    app.note_concern("cadre-5", "concern-1", opened=False)
    assert app.promotion_check("cadre-5", date(2026, 6, 2), "正处级")[0] is True


def test_the_scan_flags_missed_items_then_declares_eligibility_once() -> None:
    app = plans_app()
    app.open_plan(case_id="case-1", cadre_id="cadre-1", pack_id="IM-2022", method="removal",
                  effective_on=date(2026, 6, 1), former_post="局长", former_rank="正处级")
    assert app.scan(date(2026, 8, 30)) == 0
    assert app.scan(date(2026, 8, 31)) == 1  # the first care talk is missed
    assert app.scan(date(2026, 9, 1)) == 0
    assert app.scan(date(2027, 6, 2)) == 1  # the rest missed, and eligibility, in one save
    plan = app.plans_of("cadre-1")[0]
    assert len(plan.flagged) == 6 and plan.eligible_on == date(2027, 6, 2)
    assert app.scan(date(2027, 6, 3)) == 0
