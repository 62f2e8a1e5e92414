"""The register's pure parts: a file's rows read into entries with every fault named, and a
record that states only differences and answers which post was held on a date."""

from __future__ import annotations

from datetime import date

from services.identification.domain.register.cadre_record import CadreRecord
from services.identification.domain.register.rows import read_rows

HEADER = ["干部编号", "姓名", "性别", "出生日期", "现任职务", "任职单位", "职级", "职务层次", "管理单位",
          "协管单位", "所属地区", "政策包", "角色", "状态"]


def row(cadre_id: str, **changes: str) -> list[str]:
    values = dict(zip(HEADER, [cadre_id, "王建国", "男", "1972-03-14", "局长", "unit:a", "正处级",
                               "县处级正职", "org:a", "", "org:a", "IM-2022", "党委(党组)主要负责人", "在职"],
                      strict=True))
    values.update(changes)
    return list(values.values())


def test_every_fault_of_every_row_is_named_by_row_and_column() -> None:
    read = read_rows(HEADER, [row("c-1"), row("c-2", 性别="x", 出生日期="1972-02-30"), row("c-1"),
                              row("c-4", 管理单位="", 协管单位=""), row("c-5", 协管单位="org:a")])
    assert [(f.row, f.column) for f in read.faults] == [
        (3, "出生日期"), (3, "性别"), (4, "干部编号"), (5, "管理单位"), (6, "协管单位")]
    assert "row 2" in read.faults[2].reason
    assert [e.cadre_id for e in read.entries] == ["c-1"]


def test_a_missing_required_column_is_named_and_labels_become_codes() -> None:
    missing = read_rows([h for h in HEADER if h != "职务层次"], [row("c-1")[:7] + row("c-1")[8:]])
    assert [(f.row, f.column) for f in missing.faults] == [(1, "职务层次")]
    entry = read_rows(HEADER, [row("c-1")]).entries[0]
    assert (entry.post.role, entry.state, entry.gender) == ("party_committee_head", "in_post", "male")


def test_a_record_states_only_differences_and_answers_for_any_date() -> None:
    first = read_rows(HEADER, [row("c-1")]).entries[0]
    record = CadreRecord.register(first, date(2024, 1, 1), "personnel", "f-1")
    assert record.reconcile(first, date(2024, 6, 1), "f-2") == []
    assert record.version == 1
    moved = read_rows(HEADER, [row("c-1", 现任职务="调研员", 职级="正处级", 状态="已调整")]).entries[0]
    assert record.reconcile(moved, date(2025, 3, 1), "f-3") == ["post", "state"]
    assert record.post_on(date(2024, 12, 31))["post"] == "局长"  # type: ignore[index]
    assert record.post_on(date(2025, 3, 1))["post"] == "调研员"  # type: ignore[index]
    assert record.post_on(date(2023, 1, 1)) is None
    assert record.state == "adjusted"
