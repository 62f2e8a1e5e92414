"""What each step states as fact, checked against the rules: dates in order, the meeting's
attendance and votes, the consultation under dual management (IM 15, IM 18, CSR 30)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from services.adjustment.domain.errors import (
    ConsultationMissingError,
    MajorityNotReachedError,
    MeetingRecordIncompleteError,
    QuorumNotMetError,
    StepDateError,
)
from shared.policy.procedure_rules import MeetingRule

STEP_LABELS_ZH = {"verify_determine": "核实认定", "propose": "提出建议", "decide": "组织决定",
                  "talk": "谈话", "formalities": "履行任免程序"}


def require_not_before(step: str, on: date, earlier: list[tuple[str, date]], field: str) -> None:
    """IM 15: the steps are not reversed, so no step is dated before one it follows (the same day
    is allowed: a talk may follow the meeting on the day it decided)."""
    for previous, previous_on in earlier:
        if on < previous_on:
            raise StepDateError(
                "IM 15",
                f"{STEP_LABELS_ZH[step]}的日期 {on} 早于{STEP_LABELS_ZH[previous]}的日期 {previous_on}，"
                "程序不得倒置",
                f"{field} {on} is before the {previous} step ({previous_on}): the steps are not reversed",
                field)


def require_not_after(step: str, on: date, later: list[tuple[str, date]], field: str) -> None:
    """A corrected date must still come before the steps recorded after it (IM 15)."""
    for following, following_on in later:
        if on > following_on:
            raise StepDateError(
                "IM 15", f"更正后{STEP_LABELS_ZH[step]}的日期 {on} 晚于{STEP_LABELS_ZH[following]}的日期 "
                f"{following_on}，程序不得倒置",
                f"{field} {on} is after the {following} step ({following_on}): the steps are not reversed",
                field)


def check_meeting(meeting: Mapping[str, int], rule: MeetingRule) -> None:
    """The meeting's numbers add up, it was quorate and the decision carried (CSR 30 by default)."""
    expected, present = meeting["members_expected"], meeting["present"]
    votes = (meeting["votes_for"], meeting["votes_against"], meeting["abstaining"])
    if present > expected:
        raise MeetingRecordIncompleteError(
            rule.citation, f"到会 {present} 人多于应到会成员 {expected} 人",
            f"present ({present}) exceeds the members who should attend ({expected})", "present")
    if sum(votes) != present:
        raise MeetingRecordIncompleteError(
            rule.citation,
            f"同意 {votes[0]}、不同意 {votes[1]}、缓议 {votes[2]} 合计应等于到会 {present} 人："
            "与会成员逐一表明意见",
            f"for {votes[0]} + against {votes[1]} + abstaining {votes[2]} must equal the {present} "
            "present: every member present states a view", "votes_for")
    if not rule.quorum.met(present, expected):
        raise QuorumNotMetError(
            rule.citation, f"到会 {present} 人，未达应到会成员 {expected} 人的{rule.quorum.text()}",
            f"{present} of the {expected} members who should attend were present; the meeting needs "
            f"{rule.quorum.word} {rule.quorum.fraction} of them", "present")
    if not rule.majority.met(meeting["votes_for"], expected):
        raise MajorityNotReachedError(
            rule.citation, f"同意 {votes[0]} 人，未达应到会成员 {expected} 人的{rule.majority.text()}",
            f"{votes[0]} of the {expected} members who should attend voted for; a decision needs "
            f"{rule.majority.word} {rule.majority.fraction} of them", "votes_for")


def require_consultation(authority: Mapping[str, Any], consultations: list[dict[str, Any]],
                         meeting_date: date) -> dict[str, Any] | None:
    """IM 18: under dual management the managing side consults the co-managing side before it
    decides; the consultation is a recorded fact (who, when, their opinion)."""
    co_managing = authority.get("co_managing_unit")
    if not co_managing:
        return None
    theirs = [c for c in consultations if c["co_managing_unit"] == co_managing]
    before = [c for c in theirs if date.fromisoformat(c["consulted_on"]) <= meeting_date]
    if not before:
        when = f"（已记录的征求意见在 {theirs[-1]['consulted_on']}，晚于会议）" if theirs else ""
        raise ConsultationMissingError(
            "IM 18", f"双重管理干部：决定前须征求协管方 {co_managing} 的意见{when}",
            f"under dual management the co-managing side {co_managing} is consulted before the "
            f"decision of {meeting_date}" + (f" (the consultation on record is dated "
                                             f"{theirs[-1]['consulted_on']})" if theirs else ""),
            "consultation")
    return before[-1]


def check_consultation(authority: Mapping[str, Any], consultation: Mapping[str, Any]) -> None:
    """A consultation names the cadre's co-managing side (IM 18)."""
    co_managing = authority.get("co_managing_unit")
    if consultation["co_managing_unit"] != co_managing:
        raise ConsultationMissingError(
            "IM 18",
            f"征求意见的单位 {consultation['co_managing_unit']} 不是该干部的协管方（{co_managing or '无'}）",
            f"{consultation['co_managing_unit']} is not the cadre's co-managing side "
            f"({co_managing or 'none'})", "co_managing_unit")
