"""HTTP API of the compliance checks and the published statistics (SPEC §7), read-only."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.audit.domain.access import record_units
from services.audit.domain.compliance.quota import quota_signals
from services.audit.domain.compliance.run import check_cadre
from services.audit.domain.filing_report import adjustment_year
from services.audit.domain.statistics import adjustment_statistics
from services.audit.supervision import PartsDep, RuntimeDep, SupervisorDep, admit, visible

router = APIRouter(tags=["compliance"])


@router.get("/compliance/cadres/{cadre_id}")
def check_cadre_record(cadre_id: str, parts: PartsDep, runtime: RuntimeDep,
                       supervisor: SupervisorDep) -> list[dict[str, Any]]:
    """Every compliance finding on one cadre's record, each citing its rule."""
    entries = parts.read_model.cadres().get(cadre_id, [])
    admit(supervisor, runtime, parts, f"compliance of cadre {cadre_id}", record_units(entries))
    return [f.public() for f in check_cadre(cadre_id, entries)]


@router.get("/compliance")
def check_all_records(parts: PartsDep, runtime: RuntimeDep, supervisor: SupervisorDep,
                      check: Annotated[str | None, Query()] = None) -> list[dict[str, Any]]:
    """Every finding on every record the reader oversees (optionally one check only)."""
    admit(supervisor, runtime, parts, "compliance findings", [supervisor.unit] if supervisor else [])
    findings = []
    for cadre_id, entries in parts.read_model.cadres().items():
        if visible(supervisor, parts, record_units(entries)):
            findings += [f.public() for f in check_cadre(cadre_id, entries) if check in (None, f.check)]
    return findings


@router.get("/compliance/quota-signals")
def list_quota_signals(parts: PartsDep, runtime: RuntimeDep, supervisor: SupervisorDep,
                       year: Annotated[int, Query(ge=2000, le=2100)],
                       target: Annotated[int | None, Query(ge=1)] = None) -> list[dict[str, Any]]:
    """Quota-chasing signals per jurisdiction (IM 33): clustered at a target, or a sudden jump."""
    admit(supervisor, runtime, parts, f"quota signals {year}", [supervisor.unit] if supervisor else [])
    counts: dict[str, Counter[int]] = {}
    for state in parts.read_model.case_states():
        executed = (state.get("arrangement") or {}).get("effective_on") and state["status"] != "revoked"
        unit, when = state.get("managing_unit"), adjustment_year(state)
        if executed and unit and when and visible(supervisor, parts, [unit]):
            counts.setdefault(str(unit), Counter())[when] += 1
    return [asdict(s) for unit, by_year in sorted(counts.items())
            for s in quota_signals(unit, year, dict(by_year), target)]


@router.get("/statistics")
def get_statistics(parts: PartsDep, runtime: RuntimeDep, supervisor: SupervisorDep,
                   year: Annotated[int | None, Query(ge=2000, le=2100)] = None) -> dict[str, Any]:
    """Counts in the form supervisors publish: adjusted by jurisdiction, year, circumstance, channel
    and method; reinstatements and promotions; appeal outcomes."""
    admit(supervisor, runtime, parts, f"statistics {year or 'all years'}",
          [supervisor.unit] if supervisor else [])
    states = [s for s in parts.read_model.case_states()
              if visible(supervisor, parts, [str(s.get("managing_unit"))])
              and (year is None or adjustment_year(s) == year)]
    return {"year": year, **adjustment_statistics(states)}
