"""A service's refusal as the console shows it: in Chinese, with the rule the service cited.

The console decides nothing itself; it only words what the service answered. Access rules come as
`rule` (policy data in shared/access/policy.py); domain rules cite their source in the text
(`IM 20`, `WY-FT 8(2)`, `LG 13`), which is picked out and shown beside the service's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SERVICE_NAMES = {"identification": "识别服务", "adjustment": "调整服务", "followup": "跟踪管理服务",
                 "audit": "纪实审计服务"}

ACCESS_RULES = {
    "jurisdiction.managing_unit": "只有该干部的管理单位（或协管单位）可以办理或查阅",
    "jurisdiction.subtree": "只能查阅本单位及下级单位的记录",
    "jurisdiction.upper_level": "只有上级单位可以办理",
    "jurisdiction.unknown": "记录的管理单位不明，不予办理",
    "cadre.own_case": "干部本人只能查阅和办理本人的事项",
    "cadre.own_case_and_appeals_only": "干部本人只能查阅本人的案件、计划和申诉",
    "case_officer.no_committee_decisions": "经办人员不能记录党委（党组）的决定",
    "committee_member.reads_only": "党委（党组）成员只能查阅",
    "committee_secretary.records_decisions_only": "党委（党组）秘书只记录集体决定",
    "inspection_team.reads_only": "巡视巡察组只能查阅",
    "supervisor.reads_only": "上级监督人员只能查阅，并确认年度备案",
    "administrator.no_personnel_records": "系统管理员不能查阅干部人事记录",
    "producer.own_system": "来源系统只能以本系统名义报送",
    "producer.publishes_signals_only": "来源系统只能报送问题线索",
    "report.producer_name_reserved": "来源系统的名称留给该系统本身使用",
    "role.grant": "该角色没有此项权限",
}

CODES = {
    "AccessDenied": "无权办理或查阅",
    "NotAuthenticated": "登录已失效，请重新登录",
    "PurposeRequired": "请先说明查阅目的",
    "ActorMismatch": "表单中的经办人与登录人员不一致",
    "ValidationError": "填写的内容不完整或格式不对",
    "StepOutOfOrderError": "须按程序顺序办理",
    "WrongTalkerError": "谈话人不符合规定",
    "ProposalRefusedError": "调整建议不符合政策规定",
    "MeetingRecordIncompleteError": "会议记录不完整",
    "DeterminationRefusedError": "认定不符合规定",
    "ConcernAlreadyClosedError": "该问题已办结",
    "ConcernStepRefusedError": "该步骤不能办理",
    "QuotaExceededError": "超出职数",
    "NotYetEligibleError": "尚未达到可重新使用的条件",
    "AssessmentBarNotMetError": "考核结果未达到要求",
    "UpperConsultationMissingError": "尚未征求上级组织部门意见",
    "ConsultationMissingError": "尚未征求协管方意见",
    "AlreadyDecidedError": "已经作出决定",
    "AppealRefusedError": "申诉（复核）不能受理",
    "PlanEndedError": "跟踪管理已结束",
    "FormalitiesStateError": "任免手续状态不允许此操作",
    "RegisterAuthorityError": "干部名册中的管理权限不符",
    "UnknownCadreError": "干部名册中没有该干部",
    "UnknownCircumstanceError": "政策包中没有该情形",
    "JurisdictionNotBoundError": "该地区尚未绑定政策包",
    "FaultToleranceStepRefusedError": "容错纠错步骤不能办理",
    "ToleranceBlocksDeterminationError": "容错申请未办结，暂不能认定",
    "CalendarNotCoveredError": "工作日历尚未覆盖该年度",
}
NOT_FOUND = "没有找到该记录"
CITATION = re.compile(r"\b(?:IM|LG|WY(?:-FT)?)[ -]\d+(?:\(\d+\))?")


@dataclass(frozen=True)
class Refusal:
    service: str
    status: int
    code: str
    detail: str
    rule: str | None = None
    fields: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        if self.code in CODES:
            return CODES[self.code]
        if self.status == 404 or self.code.endswith("NotFoundError"):
            return NOT_FOUND
        return "服务拒绝了此请求"

    @property
    def rule_text(self) -> str | None:
        return ACCESS_RULES.get(self.rule or "")

    @property
    def citations(self) -> list[str]:
        return sorted(set(CITATION.findall(self.detail)))

    @property
    def service_name(self) -> str:
        return SERVICE_NAMES.get(self.service, self.service)


def refusal_from(service: str, status: int, body: Any) -> Refusal:
    """Read a service's error body: its own shape, or FastAPI's list of field errors (422)."""
    if not isinstance(body, dict):
        return Refusal(service, status, f"HTTP{status}", str(body)[:500])
    detail = body.get("detail", "")
    if isinstance(detail, list):  # request validation: each field named
        fields = tuple(".".join(str(p) for p in item.get("loc", [])[1:]) for item in detail
                       if isinstance(item, dict))
        text = "; ".join(f"{f}: {item.get('msg', '')}" for f, item in zip(fields, detail, strict=False))
        return Refusal(service, status, "ValidationError", text, fields=fields)
    field = body.get("field")
    return Refusal(service, status, str(body.get("code") or f"HTTP{status}"), str(detail),
                   rule=body.get("rule"), fields=(field,) if field else ())
