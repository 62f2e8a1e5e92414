"""A register file's rows read as entries: every row checked, every fault named by row and column.

Column headers are the personnel system's Chinese ones (an English field name is accepted too).
Row numbers are the file's own: the header is row 1, the first cadre row 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.identification.domain.register.entry import (
    ROLES,
    STATES,
    AuthorityHeld,
    PostHeld,
    RegisterEntry,
)

# Chinese header → field; the order is the order of a blank template.
COLUMNS: dict[str, str] = {
    "干部编号": "cadre_id", "姓名": "name", "性别": "gender", "出生日期": "birth_date",
    "现任职务": "post", "任职单位": "unit_id", "职级": "rank", "职务层次": "level",
    "管理单位": "managing_unit", "协管单位": "co_managing_unit", "所属地区": "jurisdiction",
    "政策包": "pack_id", "角色": "role", "状态": "state", "任职日期": "effective_on",
}
REQUIRED = ("cadre_id", "name", "post", "unit_id", "rank", "level", "managing_unit",
            "jurisdiction", "pack_id")
HEADER_OF = {field: header for header, field in COLUMNS.items()}
ROLE_LABELS = {"党委（党组）主要负责人": "party_committee_head", "党委（党组）成员": "party_committee_member",
               "下属单位主要负责人": "subordinate_body_head", "一般干部": "unit_staff"}
STATE_LABELS = {"在职": "in_post", "已调整": "adjusted", "离岗": "on_leave", "退休": "retired"}
GENDERS = {"男": "male", "女": "female", "male": "male", "female": "female"}


@dataclass(frozen=True)
class RowFault:
    row: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass(frozen=True)
class ReadRows:
    entries: list[RegisterEntry]
    faults: list[RowFault]


def read_rows(header: list[str], rows: list[list[str]]) -> ReadRows:
    fields = [COLUMNS.get(h.strip(), h.strip() if h.strip() in HEADER_OF else "") for h in header]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        return ReadRows([], [RowFault(1, HEADER_OF[f], f"缺少此列 / column {f} is missing")
                             for f in missing])
    entries: list[RegisterEntry] = []
    faults: list[RowFault] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        values = {f: (row[i] if i < len(row) else "").strip() for i, f in enumerate(fields) if f}
        if not any(values.values()):
            continue  # a blank line between blocks of a sheet
        row_faults = _check(number, values)
        cadre_id = values["cadre_id"]
        if cadre_id and cadre_id in seen:
            row_faults.append(RowFault(number, HEADER_OF["cadre_id"],
                                       f"与第 {seen[cadre_id]} 行重复 / same cadre as row {seen[cadre_id]}"))
        seen.setdefault(cadre_id, number)
        faults += row_faults
        if not row_faults:
            entries.append(_entry(values))
    return ReadRows(entries, faults)


def _check(number: int, values: dict[str, str]) -> list[RowFault]:
    def fault(field: str, reason: str) -> RowFault:
        return RowFault(number, HEADER_OF[field], reason)

    found = [fault(f, f"不能为空 / {f} is required") for f in REQUIRED if not values.get(f)]
    for field in ("birth_date", "effective_on"):
        if values.get(field) and _date(values[field]) is None:
            found.append(fault(field, f"日期应为 YYYY-MM-DD / {field} must be a date YYYY-MM-DD"))
    if values.get("gender") and values["gender"] not in GENDERS:
        found.append(fault("gender", "性别应为 男 或 女 / gender must be 男 or 女"))
    if values.get("role") and _code(values["role"], ROLE_LABELS, ROLES) is None:
        found.append(fault("role", f"角色不明 / role must be one of {', '.join(ROLES)}"))
    if values.get("state") and _code(values["state"], STATE_LABELS, STATES) is None:
        found.append(fault("state", f"状态不明 / state must be one of {', '.join(STATES)}"))
    if values.get("co_managing_unit") and values["co_managing_unit"] == values.get("managing_unit"):
        found.append(fault("co_managing_unit",
                           "协管单位不能与管理单位相同 / co-managing unit repeats the managing unit"))
    return found


def _entry(values: dict[str, str]) -> RegisterEntry:
    return RegisterEntry(
        cadre_id=values["cadre_id"], name=values["name"],
        gender=GENDERS.get(values.get("gender", "")), birth_date=_date(values.get("birth_date", "")),
        post=PostHeld(post=values["post"], unit_id=values["unit_id"], rank=values["rank"],
                      level=values["level"],
                      role=_code(values.get("role") or "unit_staff", ROLE_LABELS, ROLES) or "unit_staff"),
        authority=AuthorityHeld(managing_unit=values["managing_unit"],
                                co_managing_unit=values.get("co_managing_unit") or None,
                                jurisdiction=values["jurisdiction"], pack_id=values["pack_id"]),
        state=_code(values.get("state") or "in_post", STATE_LABELS, STATES) or "in_post",
        effective_on=_date(values.get("effective_on", "")),
    )


def _code(value: str, labels: dict[str, str], codes: tuple[str, ...]) -> str | None:
    value = labels.get(value.replace("(", "（").replace(")", "）"), value)
    return value if value in codes else None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
