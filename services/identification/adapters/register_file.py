"""A register file's bytes as a header and rows of text: CSV (UTF-8, with or without BOM, or GB18030
as the personnel systems' exports often are) or the first sheet of an XLSX workbook."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook


class RegisterFileError(ValueError):
    """The file cannot be read as a register at all (not CSV or XLSX, or no header row)."""


def read_table(content: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    if filename.lower().endswith(".xlsx") or content[:2] == b"PK":
        table = _xlsx(content)
    else:
        table = _csv(content)
    if not table or not any(table[0]):
        raise RegisterFileError("文件没有表头行 / the file has no header row")
    return table[0], table[1:]


def _csv(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return [row for row in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as error:
            raise RegisterFileError(f"不是有效的 CSV 文件 / not a readable CSV file: {error}") from error
    raise RegisterFileError("文件编码无法识别 / the file is neither UTF-8 nor GB18030 text")


def _xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a damaged or foreign file
        raise RegisterFileError(f"无法读取 XLSX 文件 / not a readable XLSX workbook: {error}") from error
    sheet = workbook.worksheets[0]
    return [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
