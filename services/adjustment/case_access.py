"""What an adjustment case says about who may reach it (SPEC §8), for the HTTP gate.

A case is the business of the cadre's managing (and co-managing) unit; its appeals share the
case's authority. The authority is set when the case is opened and never changes.
"""

from __future__ import annotations

from typing import Any

from services.adjustment.adapters.case_index import CaseEntry
from services.adjustment.case_store import Guard
from services.adjustment.domain.case import AdjustmentCase
from shared.access.http import Gate
from shared.access.policy import Action, Target, decide


def target_of(cadre: dict[str, Any], authority: dict[str, Any]) -> Target:
    return Target.of_cadre(str(cadre["cadre_id"]), authority.get("managing_unit"),
                           authority.get("co_managing_unit"), cadre.get("unit_id"))


def case_target(case: AdjustmentCase | CaseEntry) -> Target:
    return target_of(case.cadre, case.authority)


def guarded_by(gate: Gate) -> Guard:
    """Refuse (403, recorded) as soon as the case is loaded if the principal may not reach it."""
    return lambda case: gate.check(case_target(case))


def may_read_case(gate: Gate, target: Target) -> bool:
    """Whether the principal may read the case, whatever the route's own family (never recorded)."""
    return decide(gate.principal, Action.READ_CASE, target, gate.control.tree).allowed
