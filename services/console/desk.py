"""The officer's desk: one worklist from the four services' lists, each item with its due date and
the working days left on the official calendar, overdue items first. Pure: the lists come in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.console.labels import zh
from shared.calendar import CalendarNotCoveredError
from shared.calendar.working_days import WorkingDayCalendar

NEXT_STEP_TASK = {"propose": "提出调整建议", "decide": "集体研究决定", "talk": "组织谈话",
                  "formalities": "办理任免手续"}


@dataclass(frozen=True)
class DeskItem:
    kind: str  # signal, concern, fault_tolerance, case, appeal, plan
    task: str  # what is to be done, in Chinese
    cadre: str
    link: str
    due_on: date | None = None
    citation: str | None = None
    working_days_left: int | None = None
    calendar_note: str | None = None

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and (
            self.working_days_left < 0 if self.working_days_left is not None else self.due_on < date.today())


def _cadre(record: dict[str, Any]) -> str:
    cadre = record.get("cadre") or {}
    name = cadre.get("name") if isinstance(cadre, dict) else None
    cadre_id = cadre.get("cadre_id") if isinstance(cadre, dict) else record.get("cadre_id")
    return f"{name}（{cadre_id}）" if name else str(cadre_id or record.get("cadre_id", "—"))


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def signal_items(signals: list[dict[str, Any]]) -> list[DeskItem]:
    tasks = {"unresolved": "确认线索所涉干部（名册中未找到）", "received": "处理新收到的问题线索"}
    return [DeskItem("signal", tasks[s["state"]], str(s["cadre_id"]), f"/signals/{s['signal_id']}",
                     _day(s.get("received_at")) if s["state"] == "unresolved" else None)
            for s in signals if s.get("state") in tasks]


def concern_items(concerns: list[dict[str, Any]]) -> list[DeskItem]:
    items = []
    for c in concerns:
        observation = c.get("observation") or {}
        task = "作出认定" if c.get("verifications") else "调查核实"
        if observation.get("deadline") and not observation.get("improved"):
            task = "观察期届满后作出认定"
        items.append(DeskItem("concern", task, _cadre(c), f"/concerns/{c['concern_id']}",
                              _day(observation.get("deadline")), "IM 14" if observation else None))
    return items


def clock_items(worklist: dict[str, Any]) -> list[DeskItem]:
    """Fault-tolerance clocks from identification's worklist (its concern items are listed above)."""
    return [DeskItem("fault_tolerance", f"容错纠错：{i['task']}", str(i["cadre_id"]),
                     f"/fault-tolerance/{i['id']}", _day(i.get("due_on")), i.get("citation"))
            for i in worklist.get("items", []) if i.get("kind") == "fault_tolerance"]


def case_items(cases: list[dict[str, Any]], formalities_due: dict[str, str | None]) -> list[DeskItem]:
    return [DeskItem("case", NEXT_STEP_TASK.get(c["next_step"], c["next_step"]), _cadre(c),
                     f"/cases/{c['case_id']}", _day(formalities_due.get(str(c["case_id"]))),
                     "IM 21" if formalities_due.get(str(c["case_id"])) else None)
            for c in cases if c.get("next_step")]


def appeal_items(appeals: list[dict[str, Any]]) -> list[DeskItem]:
    kinds = {"appeal": "申诉", "review": "复核"}
    return [DeskItem("appeal", f"{kinds.get(a['kind'], a['kind'])}待决定（不停止执行）", str(a["cadre_id"]),
                     f"/cases/{a['case_id']}#appeals", None, "IM 22")
            for a in appeals if a.get("decision") is None]


def plan_items(plans: list[dict[str, Any]]) -> list[DeskItem]:
    items = []
    for p in plans:
        link = f"/plans/{p['plan_id']}"
        if p.get("eligible_on") and not p.get("decision"):
            items.append(DeskItem("plan", "可重新使用：作出使用决定", str(p["cadre_id"]), link,
                                  _day(p["eligible_on"]), "LG 15"))
            continue
        for entry in p.get("schedule", []):
            if entry.get("state") == "open":
                items.append(DeskItem("plan", f"跟踪管理：{zh(entry['kind'])}", str(p["cadre_id"]), link,
                                      _day(entry["due_on"]), "IM 29"))
    return items


def with_working_days(items: list[DeskItem], calendar: WorkingDayCalendar, today: date) -> list[DeskItem]:
    done = []
    for item in items:
        left, note = None, None
        if item.due_on is not None:
            try:
                left = calendar.working_days_between(today, item.due_on)
            except CalendarNotCoveredError:  # say so rather than guess weekdays
                note = "工作日历未覆盖"
        done.append(DeskItem(item.kind, item.task, item.cadre, item.link, item.due_on, item.citation,
                             left, note))
    return done


def ordered(items: list[DeskItem]) -> list[DeskItem]:
    """Overdue first, then by due date; items without a date last."""
    return sorted(items, key=lambda i: (not i.overdue, i.due_on is None, i.due_on or date.max, i.link))
