"""The console's own rules: how a refusal is worded, how the desk orders and counts, what a
production console refuses to start with, and the session's form token."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.console import desk
from services.console.refusals import refusal_from
from services.console.sessions import SessionStore
from services.console.settings import ConsoleSettings
from shared.calendar.sources import load_calendar


def test_an_access_refusal_is_worded_in_chinese_with_its_rule() -> None:
    refusal = refusal_from("adjustment", 403, {
        "status": 403, "code": "AccessDenied", "rule": "jurisdiction.managing_unit",
        "detail": "org:hohhot-municipal does not manage the record", "policy_version": "3"})
    assert refusal.title == "无权办理或查阅"
    assert refusal.rule == "jurisdiction.managing_unit"
    assert refusal.rule_text is not None and "管理单位" in refusal.rule_text
    assert refusal.service_name == "调整服务"


def test_a_domain_refusal_shows_the_article_it_cites() -> None:
    refusal = refusal_from("adjustment", 422, {
        "code": "WrongTalkerError", "detail": "IM 20: a party committee head is talked to by the "
                                              "upper level; see also WY-FT 8(2)"})
    assert refusal.title == "谈话人不符合规定"
    assert refusal.citations == ["IM 20", "WY-FT 8(2)"]


def test_a_validation_refusal_names_each_field() -> None:
    refusal = refusal_from("identification", 422, {"detail": [
        {"loc": ["body", "verified_on"], "msg": "Field required", "type": "missing"}]})
    assert refusal.code == "ValidationError" and refusal.fields == ("verified_on",)
    assert "verified_on: Field required" in refusal.detail


def test_the_desk_puts_overdue_items_first_with_working_days_left() -> None:
    calendar = load_calendar()
    today = date(2026, 6, 1)  # a Monday inside the official calendar's years
    items = desk.with_working_days([
        desk.DeskItem("case", "办理任免手续", "甲", "/cases/a", date(2026, 6, 30), "IM 21"),
        desk.DeskItem("signal", "处理新收到的问题线索", "乙", "/signals/b"),
        desk.DeskItem("plan", "跟踪管理：关心谈话", "丙", "/plans/c", date(2026, 5, 25)),
    ], calendar, today)
    ordered = desk.ordered(items)
    assert [i.link for i in ordered] == ["/plans/c", "/cases/a", "/signals/b"]
    late = ordered[0].working_days_left
    assert ordered[0].overdue and late is not None and late < 0
    assert ordered[1].working_days_left == calendar.working_days_between(today, date(2026, 6, 30))
    assert not ordered[2].overdue and ordered[2].working_days_left is None


def test_a_due_date_beyond_the_official_calendar_is_said_so_not_guessed() -> None:
    calendar = load_calendar()
    far = date(max(calendar.covered_years) + 1, 3, 1)
    [item] = desk.with_working_days([desk.DeskItem("plan", "考核", "丁", "/plans/d", far)], calendar,
                                    far - timedelta(days=30))
    assert item.working_days_left is None and item.calendar_note == "工作日历未覆盖"


def test_plans_give_open_schedule_items_and_reinstatement_decisions() -> None:
    plans = [{"plan_id": "p1", "cadre_id": "c1", "eligible_on": None, "decision": None,
              "schedule": [{"kind": "care_talk", "due_on": "2026-09-01", "state": "open"},
                           {"kind": "recheck", "due_on": "2026-03-01", "state": "held"}]},
             {"plan_id": "p2", "cadre_id": "c2", "eligible_on": "2027-06-01", "decision": None,
              "schedule": []}]
    items = desk.plan_items(plans)
    assert [(i.task, i.due_on) for i in items] == [("跟踪管理：关心谈话", date(2026, 9, 1)),
                                                   ("可重新使用：作出使用决定", date(2027, 6, 1))]


def test_production_refuses_the_development_sign_in_and_wants_oidc(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    with pytest.raises(ValidationError, match="CONSOLE_DEV_SIGNING_KEY_FILE"):
        ConsoleSettings(cadre_env="production", console_dev_signing_key_file=key,
                        console_oidc_issuer="https://sso", console_oidc_client_id="c",
                        console_oidc_client_secret="s")
    with pytest.raises(ValidationError, match="CONSOLE_OIDC_ISSUER"):
        ConsoleSettings(cadre_env="production")
    production = ConsoleSettings(cadre_env="production", console_oidc_issuer="https://sso",
                                 console_oidc_client_id="c", console_oidc_client_secret="s")
    assert production.oidc_enabled and not production.dev_signin_enabled
    assert ConsoleSettings(console_dev_signing_key_file=key).dev_signin_enabled


def test_sign_in_gives_a_new_session_id_and_the_old_one_is_worthless() -> None:
    store = SessionStore(3600)
    before = store.new()
    after = store.sign_in(before, "token", {"subject": "li.min", "role": "case_officer", "unit": "u"})
    assert after.session_id != before.session_id and store.get(before.session_id) is None
    assert after.signed_in and after.csrf_matches(after.csrf_token)
    assert not after.csrf_matches(None) and not after.csrf_matches(before.csrf_token)
    store.drop(after.session_id)
    assert store.get(after.session_id) is None


def test_every_step_and_talker_position_has_its_chinese_name_and_moments_read_in_beijing_time() -> None:
    from services.adjustment.domain.procedure import STEPS
    from services.console.labels import TALKER_POSITIONS, cst, zh

    assert all(zh(step) != step for step in STEPS)
    assert all(zh(position) != position for position in TALKER_POSITIONS)
    assert cst("2026-12-02T15:13:50+00:00") == "2026-12-02 23:13"
    assert cst(None) == "—"
