"""What the console lets a person see is what the services let them see: an officer of another
unit gets the refusal page with the rule, not the record; a form without the session's form token
(CSRF) is refused and changes nothing; sign-out ends the session; pages need a sign-in."""

from __future__ import annotations

from typing import Any

import pytest

from shared.contract import events as contract
from shared.runner.demo_register import load_register
from shared.runner.scenario import Scenario
from shared.runner.stack import Stack
from tests.console.browsing import open_until, sign_in, sign_out

# A registered cadre of the Baotou department (the demo register's second cadre of the bureau).
CADRE = contract.CadreRef(cadre_id="cadre-bt-0102", name="刘秀梅", unit_id="unit:bt-housing-bureau",
                          post="副局长", rank="副处级", role="party_committee_member")


@pytest.fixture(scope="module")
def baotou_case(stack: Stack) -> tuple[str, str]:
    """A concern and its case managed by Baotou, made over the services' own HTTP APIs."""
    load_register(stack.urls["identification"], stack.issuer, log=lambda line: None)
    scenario = Scenario(urls=stack.urls, nats_url="", issuer=stack.issuer, cadre=CADRE, log=lambda line: None)
    with scenario.http("identification") as client:
        client.post("/signals", json={
            "signal_id": "console-access-1", "channel": "supervision_results", "reporter": "李敏",
            "cadre": CADRE.model_dump(), "managing_unit": "org:baotou-municipal",
            "citation": {"pack_id": "IM-2022", "article": "art. 6(8)"}, "summary": "工作推进不力",
            "reported_at": "2026-04-20T09:00:00+08:00"}).raise_for_status()
    concern_id = scenario.determine()
    case_id = scenario.case_id(concern_id)
    scenario.wait_for_case(case_id)
    return concern_id, case_id


def test_an_officer_of_another_unit_gets_the_refusal_not_the_record(
        baotou_case: tuple[str, str], console_url: str, browser: Any) -> None:
    concern_id, case_id = baotou_case
    context = browser.new_context(locale="zh-CN")
    outsider = sign_in(context, console_url, "王芳")  # case officer of the Hohhot department
    for url in (f"/cases/{case_id}", f"/concerns/{concern_id}"):
        response = outsider.goto(console_url + url)
        assert response is not None and response.status == 403
        refusal = outsider.get_by_test_id("refusal").inner_text()
        assert "无权办理或查阅" in refusal
        assert outsider.get_by_test_id("rule").inner_text() == "jurisdiction.managing_unit"
        assert "只有该干部的管理单位" in refusal
        assert CADRE.name not in outsider.content()  # nothing of the record is shown
    # The desk lists nothing of Baotou's: lists are filtered by the services, not refused.
    outsider.goto(console_url + "/")
    assert CADRE.name not in outsider.get_by_test_id("worklist").inner_text()
    sign_out(outsider)

    # The managing unit's officer sees the same case.
    officer = sign_in(context, console_url, "李敏")
    assert officer.goto(f"{console_url}/cases/{case_id}").status == 200
    assert CADRE.name in officer.inner_text("main")
    sign_out(officer)

    # The refusals are on the record: the supervisor reads them in the access log, with the rule.
    supervisor = sign_in(context, console_url, "赵强")
    supervisor.goto(f"{console_url}/supervision/access-log?outcome=denied&principal=wang.fang")
    supervisor.get_by_role("button", name="继续").click()
    open_until(supervisor, f"{console_url}/supervision/access-log?outcome=denied&principal=wang.fang",
               "jurisdiction.managing_unit")
    log = supervisor.get_by_test_id("access-log").inner_text()
    assert "wang.fang" in log and "拒绝" in log and "调整" in log
    context.close()


def test_a_form_without_the_form_token_is_refused_and_changes_nothing(
        baotou_case: tuple[str, str], console_url: str, browser: Any) -> None:
    _, case_id = baotou_case
    context = browser.new_context(locale="zh-CN")
    officer = sign_in(context, console_url, "李敏")
    officer.goto(f"{console_url}/cases/{case_id}")
    before = officer.locator("ol.steps li.done").count()
    proposal = {"method": "removal", "nature": "punitive", "reason": "理由", "destination_post": "调研员",
                "new_rank": "一级调研员", "study_meeting": "部务会", "participants": "部长",
                "record_and_attitude": "一般", "proposed_on": "2026-05-12"}
    # The signed-in browser's own cookie goes with it; only the form token is missing.
    refused = officer.request.post(f"{console_url}/cases/{case_id}/proposal", form=proposal)
    assert refused.status == 403
    assert "校验码（CSRF）" in refused.text()
    forged = officer.request.post(f"{console_url}/cases/{case_id}/proposal",
                                  form={**proposal, "csrf_token": "guessed"})
    assert forged.status == 403
    officer.reload()
    assert officer.locator("ol.steps li.done").count() == before  # nothing was recorded

    # Sign-out ends the session on the server: the old cookie opens nothing afterwards.
    cookie = next(c for c in context.cookies() if c["name"] == "cadre_console_session")
    assert cookie["httpOnly"] and cookie["secure"]
    sign_out(officer)
    stale = browser.new_context()
    stale.add_cookies([cookie])
    page = stale.new_page()
    page.goto(f"{console_url}/cases/{case_id}")
    assert page.url.endswith("/signin")
    stale.close()
    context.close()


def test_the_sign_in_form_needs_its_form_token_too(console_url: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{console_url}/signin")
    refused = page.request.post(f"{console_url}/signin/dev",
                                form={"principal": "case_officer:li.min@org:baotou-municipal"})
    assert refused.status == 403
    page.goto(f"{console_url}/")
    assert page.url.endswith("/signin")
    context.close()
