"""The Chinese words the pages use for the services' codes (roles, steps, states, methods, ...).

A code without a word here is shown as it is, so nothing the services answer is hidden."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

WORDS: dict[str, str] = {
    # roles
    "case_officer": "组织部门经办人员", "committee_secretary": "党委（党组）秘书",
    "committee_member": "党委（党组）成员", "cadre": "干部本人", "supervisor": "上级监督人员",
    "inspection_team": "巡视巡察组", "producer": "来源系统", "administrator": "系统管理员",
    # units of the demo organisation tree
    "org:central": "中央", "org:inner-mongolia-region": "自治区党委组织部",
    "org:baotou-municipal": "包头市委组织部", "org:hohhot-municipal": "呼和浩特市委组织部",
    "unit:bt-housing-bureau": "包头市住房和城乡建设局", "unit:bt-finance-bureau": "包头市财政局",
    "unit:bt-education-bureau": "包头市教育局", "unit:bt-transport-bureau": "包头市交通运输局",
    "unit:bt-policy-research-office": "中共包头市委政策研究室", "unit:bt-kundulun-district": "包头市昆都仑区",
    "unit:hh-finance-bureau": "呼和浩特市财政局", "unit:hh-education-bureau": "呼和浩特市教育局",
    "unit:hh-policy-research-office": "中共呼和浩特市委政策研究室",
    "unit:hh-xincheng-district": "呼和浩特市新城区",
    # the five steps
    "verify_determine": "核实认定", "propose": "提出调整建议", "decide": "集体研究决定",
    "talk": "组织谈话", "formalities": "办理任免手续",
    # states
    "open": "办理中", "unsuitable": "认定不适宜担任现职", "not_substantiated": "查无实据",
    "false_accusation": "诬告错告", "referred_to_discipline": "移送纪检监察机关",
    "received": "已收到", "in_concern": "已并入问题", "unresolved": "待确认干部", "deferred": "暂缓",
    "pending": "待决定", "decided": "已决定", "eligible": "可重新使用", "ended": "已结束",
    "held": "已完成", "missed": "逾期未办",
    # methods and natures
    "removal": "免职", "dismissal": "免职", "demotion": "降职", "resignation_ordered": "责令辞职",
    "resignation": "引咎辞职", "transfer": "调离岗位", "adjust_post": "调整岗位", "stop_duty": "停职",
    "punitive": "惩戒性", "considerate": "非惩戒性",
    # talkers (IM 20)
    "upper_committee_leader": "上级党委（党组）负责同志", "upper_org_dept_head": "上级组织部门主要负责同志",
    "upper_org_dept_leader": "上级组织部门负责同志",
    "same_level_committee_head_delegated": "受委托的同级党委（党组）主要负责同志",
    "unit_committee_leader": "本单位党委（党组）负责同志", "unit_org_dept_head": "本单位组织人事部门负责同志",
    # follow-up
    "care_talk": "关心谈话", "training": "教育培训", "recheck": "回访复查", "assessment": "考核",
    "reinstated": "重新任职", "promoted": "提拔使用", "declined": "暂不使用",
    "health": "健康原因", "family": "家庭原因", "work_ability": "工作能力原因",
    # appeals
    "review": "复核", "appeal": "申诉", "upheld": "维持", "modified": "变更", "revoked": "撤销",
    # desk item kinds
    "signal": "问题线索", "concern": "待核实认定的问题", "case": "调整案件", "plan": "跟踪管理",
    "fault_tolerance": "容错纠错申请", "determination": "作出认定", "observation_ends": "观察期届满",
    "formalities_due": "任免手续期限", "reinstatement_decision": "作出重新使用决定",
    # early-sign measures (IM 14)
    "reminder": "提醒", "letter_of_inquiry": "函询", "criticism_education": "批评教育",
    "ordered_self_examination": "责令检查", "admonishment": "诫勉",
    # audit sources
    "identification": "识别", "adjustment": "调整", "followup": "跟踪管理", "audit": "纪实",
    "discipline": "纪检监察", "inspection": "巡视巡察", "petitions": "信访", "personnel": "干部信息系统",
}


CST = timezone(timedelta(hours=8))


def cst(moment: Any) -> str:
    """A recorded moment as people here read it: China Standard Time, to the minute."""
    if not moment:
        return "—"
    try:
        parsed = datetime.fromisoformat(str(moment))
    except ValueError:
        return str(moment)
    if parsed.tzinfo is None:
        return parsed.strftime("%Y-%m-%d %H:%M")
    return parsed.astimezone(CST).strftime("%Y-%m-%d %H:%M")


def zh(code: Any) -> str:
    if code is None:
        return "—"
    return WORDS.get(str(code), str(code))


def unit_of(principal: dict[str, Any] | None) -> str:
    return zh(principal.get("unit")) if principal else ""


EARLY_SIGN_MEASURES = ("reminder", "talk", "letter_of_inquiry", "criticism_education",
                       "ordered_self_examination", "admonishment")
DETERMINATION_OUTCOMES = ("unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline")
TALKER_POSITIONS = ("upper_committee_leader", "upper_org_dept_head", "upper_org_dept_leader",
                    "same_level_committee_head_delegated", "unit_committee_leader", "unit_org_dept_head")
