"""Register files as the personnel system exports them: Chinese headers, CSV or XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

HEADER = ["干部编号", "姓名", "性别", "出生日期", "现任职务", "任职单位", "职级", "职务层次",
          "管理单位", "协管单位", "所属地区", "政策包", "角色", "状态", "任职日期"]


def row(cadre_id: str, name: str, unit: str, managing: str, *, post: str = "副局长",
        rank: str = "副处级", level: str = "县处级副职", co_managing: str = "",
        birth: str = "1975-04-02", role: str = "一般干部") -> list[str]:
    return [cadre_id, name, "男", birth, post, unit, rank, level, managing, co_managing, managing,
            "IM-2022", role, "在职", "2024-01-01"]


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
