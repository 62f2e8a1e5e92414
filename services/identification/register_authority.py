"""Who a reported cadre is and who manages them, read from the cadre register (never from the report).

A report about a registered cadre takes the register's snapshot and units; one that names other
managing or co-managing units is refused (rule `register.managing_unit`), so nobody claims a
cadre or joins another unit's concern by filling in a form. A cadre the register does not list,
reported to a unit that keeps its register here, is left unresolved for that unit to resolve.
A unit that keeps no register here yet is taken at the report's word, as before the register.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from services.identification.domain.errors import RegisterAuthorityError
from services.identification.domain.register.cadre_record import CadreRecord, UnitRegister
from services.identification.domain.values import CadreSnapshot, SignalReport

RULE = "register.managing_unit"
A = TypeVar("A", bound=Aggregate)


class Loads(Protocol):
    """What a command's unit of work offers: an aggregate by id, its own pending ones first."""

    def get(self, cls: type[A], aggregate_id: UUID) -> A | None: ...


def authority_mismatch(record: CadreRecord, managing_unit: str, co_managing_unit: str | None) -> str | None:
    managing, co_managing = record.managing_units
    if managing_unit == managing and co_managing_unit in (None, co_managing):
        return None
    return (f"{RULE}: the cadre register says {record.cadre_id} is managed by {managing}"
            f"{f' and co-managed by {co_managing}' if co_managing else ''}, not {managing_unit}"
            f"{f' / {co_managing_unit}' if co_managing_unit else ''} / 干部名册所载管理单位为 {managing}，"
            f"与报告所填不符")


def resolve_in_register(uow: Loads, report: SignalReport, *, required: bool = False) -> SignalReport | None:
    """The report as the register states its cadre; None when it must wait to be resolved.

    With the register required (production), a cadre it does not list always waits, so no
    report's word on who manages a cadre opens a concern; otherwise a unit that has not loaded a
    register yet is taken at the report's word (a department still bringing its register in)."""
    record = uow.get(CadreRecord, CadreRecord.create_id(report.cadre.cadre_id))
    if record is None:
        if required:
            return None
        keeps = uow.get(UnitRegister, UnitRegister.create_id(report.managing_unit))
        return None if keeps is not None else report
    mismatch = authority_mismatch(record, report.managing_unit, report.co_managing_unit)
    if mismatch:
        raise RegisterAuthorityError(mismatch)
    managing, co_managing = record.managing_units
    return replace(report, cadre=CadreSnapshot(**record.snapshot()), managing_unit=managing,
                   co_managing_unit=co_managing)
