"""The audit service's statistics as the tables supervisors publish, and as an XLSX workbook."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from services.console.labels import zh

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIMENSIONS = (("jurisdiction", "按管理单位"), ("year", "按年度"), ("circumstance", "按情形"),
              ("channel", "按线索渠道"), ("method", "按调整方式"))
TOTALS = (("adjusted", "调整人数"), ("revoked_on_appeal", "申诉后撤销"),
          ("reinstatement_eligible", "可重新使用"), ("reinstated", "重新任职"), ("promoted", "提拔使用"))


def tables(numbers: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    result = [("总数", [(label, int(numbers.get(key) or 0)) for key, label in TOTALS])]
    for key, label in DIMENSIONS:
        rows = [(zh(name), int(count)) for name, count in (numbers.get("by", {}).get(key) or {}).items()]
        result.append((label, rows))
    appeals = numbers.get("appeal_outcomes") or {}
    if isinstance(appeals, dict):
        result.append(("复核申诉结果", [(zh(k), int(v)) for k, v in appeals.items()]))
    return result


def workbook(numbers: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "统计"
    sheet.append(["年度", numbers.get("year") or "全部"])
    for title, rows in tables(numbers):
        sheet.append([])
        sheet.append([title, "人数"])
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
