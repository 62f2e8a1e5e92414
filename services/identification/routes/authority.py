"""What each identification record says about who may reach it (SPEC §8).

The gate compares these targets with the principal's grant: a concern, a signal or a
fault-tolerance application belongs to the units that manage (or co-manage) its cadre; a reform
filing to the filing unit and the committee directly above it; a report or feed being received to
the units its body names and to the system it says it comes from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from services.identification.domain.concern import Concern
from services.identification.domain.fault_tolerance import FaultToleranceApplication
from services.identification.domain.reform_filing import ReformFiling
from services.identification.domain.register.cadre_record import CadreRecord
from services.identification.domain.signal import Signal
from services.identification.domain.subject_ledger import SubjectLedger
from shared.access.org_tree import OrgTree
from shared.access.policy import Target
from shared.contract.identification_events import FeedRecorded


def _unit_of(cadre: dict[str, Any] | None) -> str | None:
    unit = (cadre or {}).get("unit_id")
    return str(unit) if unit else None


def of_concern(concern: Concern) -> Target:
    return Target.of_cadre(concern.cadre_id, concern.managing_unit, concern.co_managing_unit,
                           _unit_of(concern.cadre))


def of_signal(signal: Signal) -> Target:
    return Target.of_cadre(str(signal.cadre["cadre_id"]), signal.managing_unit,
                           signal.co_managing_unit, _unit_of(signal.cadre))


def of_report(cadre: dict[str, Any], managing_unit: str, co_managing_unit: str | None,
              source_system: str) -> Target:
    """A signal being reported: its cadre's authority, and the system it says it comes from."""
    target = Target.of_cadre(str(cadre["cadre_id"]), managing_unit, co_managing_unit, _unit_of(cadre))
    return replace(target, source_system=source_system)


def of_registered(record: CadreRecord, source_system: str) -> Target:
    """A report about a registered cadre: the register's authority, never the body's."""
    managing, co_managing = record.managing_units
    return replace(Target.of_cadre(record.cadre_id, managing, co_managing, record.post["unit_id"]),
                   source_system=source_system)


def of_feed(source: str, record: FeedRecorded) -> Target:
    """A feed record: the unit whose committee manages the cadres it names, and its producer."""
    cadre = record.subject.cadre
    return Target(managing_units=frozenset({record.managing_unit}),
                  cadre_id=cadre.cadre_id if cadre else None,
                  cadre_unit=cadre.unit_id if cadre else None, source_system=source)


def of_application(application: FaultToleranceApplication) -> Target:
    return Target.of_cadre(application.cadre_id, application.managing_unit, None,
                           _unit_of(application.cadre))


def of_filing(tree: OrgTree, filing: ReformFiling) -> Target:
    """A reform filing is the unit's own business, reviewed by the committee above it."""
    return Target.of_unit(tree, filing.unit_id)


def of_ledger(cadre_id: str, ledger: SubjectLedger | None) -> Target:
    """A cadre's feed facts; with none on record only the cadre is known (and may read them)."""
    if ledger is None or not ledger.managing_unit:
        return Target.of_cadre(cadre_id, None)
    return Target.of_cadre(cadre_id, ledger.managing_unit, None, _unit_of(ledger.cadre))


def of_worklist_item(authority: dict[str, Any]) -> Target:
    units = frozenset(str(u) for u in authority.get("managing_units", []) if u)
    if not units:
        return Target.unknown()
    return Target(managing_units=units, cadre_id=authority.get("cadre_id"),
                  cadre_unit=authority.get("cadre_unit"))
