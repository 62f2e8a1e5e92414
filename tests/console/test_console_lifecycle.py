"""The demo lifecycle walked through the console alone, in Debian's headless Chromium, against the
real services: a producer's signal over NATS reaches the officer's desk; verification and the
committee's determination; the five steps with the committee secretary recording the decision;
the cadre's appeal, with the formalities completed all the same; follow-up to reinstatement
eligibility; the supervisor replays the record as of and as known at chosen moments and checks an
entry's proof. Screenshots of the desk, the case, the statistics and the replay go to docs/."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

import httpx
from openpyxl import load_workbook

from shared.runner import principals
from shared.runner.demo_register import load_register
from shared.runner.scenario import Scenario, wait_for
from shared.runner.stack import Stack
from tests.console.browsing import fill, open_until, screenshot, sign_in, sign_out

TODAY = date.today().isoformat()


def _publish_signal(scenario: Scenario) -> None:
    # Published from its own thread: the browser driver keeps an event loop on this one.
    worker = threading.Thread(target=scenario.report)
    worker.start()
    worker.join(30)


def test_the_demo_lifecycle_through_the_console(stack: Stack, console_url: str, browser: Any) -> None:
    load_register(stack.urls["identification"], stack.issuer, log=lambda line: None)
    scenario = Scenario(urls=stack.urls, nats_url=stack.nats.url if stack.nats else "",
                        issuer=stack.issuer, log=lambda line: None)
    _publish_signal(scenario)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})

    # The officer's desk shows the concern the discipline inspection's signal opened.
    officer = sign_in(context, console_url, "李敏")
    open_until(officer, f"{console_url}/", "王建国")
    row = officer.get_by_test_id("worklist").locator("tr", has_text="王建国").first
    assert "调查核实" in row.inner_text()
    screenshot(officer, "desk")
    row.get_by_role("link").click()
    concern_url = officer.url
    assert "/concerns/" in concern_url
    assert "IM-2022 art. 6(8)" in officer.inner_text("main")

    # Verification by the case officer.
    fill(officer, {"核实日期": "2026-05-06", "核实情况": "经调阅项目档案、约谈相关人员，问题属实",
                   "证据材料（每行一项）": "verification-2026-05-06"})
    officer.get_by_role("button", name="记录核实").click()
    assert "经调阅项目档案" in officer.inner_text("main")
    sign_out(officer)

    # The committee's determination, recorded by its secretary, citing the pack item chosen.
    secretary = sign_in(context, console_url, "张华")
    secretary.goto(concern_url)
    secretary.get_by_label("认定结论").select_option("unsuitable")
    cited = secretary.get_by_role("checkbox", name=re.compile(r"IM-2022 art\. 6\(8\)"))
    assert cited.is_checked()  # the signal's citation, offered from the pack's list
    fill(secretary, {"证据材料（每行一项）": "jw-2026-0412-report\nverification-2026-05-06",
                     "认定日期": "2026-05-06"})
    secretary.get_by_role("button", name="记录认定").click()
    assert "认定不适宜担任现职" in secretary.get_by_test_id("determination").inner_text()
    open_until(secretary, concern_url, "查看调整案件")
    secretary.get_by_role("link", name="查看调整案件").click()
    case_url = secretary.url
    sign_out(secretary)

    # Step 2, the proposal, by the officer.
    officer = sign_in(context, console_url, "李敏")
    officer.goto(case_url)
    assert officer.locator("ol.steps li.done").count() == 1
    officer.get_by_label("调整方式").select_option("removal")
    fill(officer, {"理由": "IM-2022 art. 6(8): 担当作为不力造成较大损失",
                   "拟任职务": "市住房和城乡建设局一级调研员", "职级": "一级调研员",
                   "研究会议": "部务会 2026-05-12", "参会人员（每行一人）": "部长\n常务副部长",
                   "一贯表现和认识态度": "一贯表现一般；对问题认识较好", "建议日期": "2026-05-12"})
    officer.get_by_role("button", name="提交调整建议").click()
    assert officer.locator("ol.steps li.done").count() == 2
    sign_out(officer)

    # Step 3, the committee's decision, recorded by its secretary with attendance and votes.
    secretary = sign_in(context, console_url, "张华")
    secretary.goto(case_url)
    fill(secretary, {"会议日期": "2026-05-20", "出席人员（每行一人）": "书记\n副书记\n常委7人",
                     "应到会成员": "11", "实到会成员": "9", "赞成票": "9", "反对票": "0",
                     "弃权或缓议": "0", "听取意见（每行一个单位）": "市纪委监委"})
    secretary.get_by_role("button", name="记录决定").click()
    assert secretary.locator("ol.steps li.done").count() == 3
    sign_out(secretary)

    # The cadre lodges an appeal from their own view; it never stops the procedure (IM 22).
    cadre = sign_in(context, console_url, "王建国")
    assert cadre.url.endswith("/me")
    fill(cadre, {"提出日期": "2026-05-22", "理由": "认为对损失的认定过重"})
    cadre.get_by_role("button", name="提交").click()
    assert "待决定" in cadre.get_by_test_id("own-appeal").first.inner_text()
    sign_out(cadre)

    # Steps 4 and 5 by the officer, the appeal pending beside the case.
    officer = sign_in(context, console_url, "李敏")
    officer.goto(case_url)
    assert "认为对损失的认定过重" in officer.get_by_test_id("appeal").first.inner_text()
    fill(officer, {"谈话人": "自治区党委组织部副部长 赵强", "谈话日期": "2026-05-25",
                   "谈话内容": "宣布免职决定，指出问题，提出要求", "本人态度": "表示服从组织决定"})
    officer.get_by_label("谈话人身份（按 IM 20 由干部职务决定）").select_option("upper_org_dept_head")
    officer.get_by_role("button", name="记录谈话").click()
    fill(officer, {"生效日期": TODAY, "免职文件": "包任〔2026〕31号"})
    officer.get_by_role("button", name="记录任免手续").click()
    assert "五个步骤均已完成" in officer.inner_text("main")
    assert officer.locator("ol.steps li.done").count() == 5
    assert "待决定" in officer.get_by_test_id("appeal").first.inner_text()  # still pending, not blocking
    screenshot(officer, "case")
    officer.goto(case_url + "/documents/decision-notice")
    assert "免职" in officer.get_by_test_id("document").inner_text()
    officer.emulate_media(media="print")
    assert officer.locator("header.top").is_hidden()  # the A4 print layout leaves the console's chrome out
    officer.emulate_media(media="screen")

    # Follow-up: the plan opened from the executed adjustment; a care talk recorded on it.
    open_until(officer, case_url, "查看跟踪管理计划")
    officer.get_by_role("link", name="查看跟踪管理计划").click()
    plan_url = officer.url
    assert "影响期未满" in officer.get_by_test_id("eligibility").inner_text()
    assert "不得提拔" in officer.get_by_test_id("promotion-check").inner_text()
    officer.get_by_label("事项", exact=True).select_option("care_talk")
    fill(officer, {"办理人": "李敏", "日期": TODAY, "情况": "谈心谈话，了解思想状况"})
    officer.get_by_role("button", name="记录", exact=True).click()
    assert "谈心谈话" in officer.inner_text("main")
    knew_before_reinstatement = datetime.now(UTC).isoformat()

    # A year on (the demo clock of follow-up; an administrator's switch, not the console's):
    # the impact period of a removal has run out and the cadre may be used again.
    scenario.advance_followup_clock(367)
    open_until(officer, plan_url, "起可重新使用", timeout=60)
    sign_out(officer)
    _supervisor_replays_and_checks(context, console_url, scenario, knew_before_reinstatement)
    context.close()


def _supervisor_replays_and_checks(context: Any, base: str, scenario: Scenario, earlier: str) -> None:
    wait_for("ReinstatementEligible on the record", lambda: any(
        e["type"] == "ReinstatementEligible" for e in scenario.timeline()), timeout=60)
    supervisor = sign_in(context, base, "赵强")
    supervisor.goto(f"{base}/cadres/{scenario.cadre.cadre_id}")
    supervisor.get_by_label("查阅目的").fill(principals.SUPERVISION_PURPOSE)
    supervisor.get_by_role("button", name="继续").click()
    timeline = supervisor.get_by_test_id("timeline")
    whole = timeline.locator("tbody tr").count()
    text = timeline.inner_text()
    assert "AdjustmentDecided" in text and "ReinstatementEligible" in text

    # As of 2026-05-15: the signal and the determination had taken effect, the decision had not.
    supervisor.get_by_label("生效时点（as of）").fill("2026-05-15")
    supervisor.get_by_role("button", name="回放").click()
    as_of = supervisor.get_by_test_id("timeline").inner_text()
    assert "CircumstanceReported" in as_of and "UnsuitabilityDetermined" in as_of
    assert "AdjustmentDecided" not in as_of
    assert supervisor.get_by_test_id("timeline").locator("tbody tr").count() < whole

    # As known before the reinstatement eligibility was recorded: everything else, not it.
    supervisor.goto(f"{base}/cadres/{scenario.cadre.cadre_id}?as_known_at={quote(earlier)}")
    known = supervisor.get_by_test_id("timeline").inner_text()
    assert "AdjustmentExecuted" in known and "ReinstatementEligible" not in known
    supervisor.goto(f"{base}/cadres/{scenario.cadre.cadre_id}")
    screenshot(supervisor, "timeline")

    # The proof of the decision's entry, checked in the page with the published key (the decision
    # is on the record as v1 and as v2 during v2's deprecation window: each has its own proof).
    decided = supervisor.get_by_test_id("timeline").locator("tr", has_text="AdjustmentDecided")
    assert decided.count() == 2
    decided.first.get_by_test_id("proof-link").click()
    assert "核验通过" in supervisor.get_by_test_id("proof-result").inner_text()

    # Statistics as supervisors publish them, and the same as XLSX.
    supervisor.goto(f"{base}/supervision/statistics")
    assert "调整人数" in supervisor.inner_text("main")
    screenshot(supervisor, "statistics")
    with supervisor.expect_download() as download:
        supervisor.get_by_test_id("xlsx").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    served = httpx.get(f"{scenario.urls['audit']}/statistics", timeout=10, headers=scenario.issuer.headers(
        principals.supervisor(), principals.SUPERVISION_PURPOSE)).json()
    assert rows["调整人数"] == served["adjusted"] >= 1
    assert rows["免职"] == served["by"]["method"]["removal"]

    # The annual filing of the department beneath, and its printable form.
    supervisor.goto(f"{base}/supervision/filings?org_dept=org:baotou-municipal&year={date.today().year}")
    assert supervisor.get_by_test_id("refusal").count() == 0
    supervisor.get_by_role("link", name="打印版（A4）").click()
    assert "年度不适宜担任现职干部调整纪实报备" in supervisor.locator("h1").inner_text()
    sign_out_page = supervisor.context.new_page()
    supervisor.close()
    sign_out_page.goto(f"{base}/supervision")
    sign_out(sign_out_page)
