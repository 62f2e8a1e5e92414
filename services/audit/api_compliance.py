"""HTTP API of the compliance checks and the published statistics (SPEC §7), read-only, for
supervisors over the records beneath them (lists are filtered, never refused)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.audit import targets
from services.audit.api_deps import PartsDep
from services.audit.domain.access import RecordAuthority
from services.audit.domain.compliance.quota import quota_signals
from services.audit.domain.compliance.run import check_cadre
from services.audit.domain.filing_report import adjustment_year
from services.audit.domain.statistics import adjustment_statistics
from shared.access.http import GateDep, access
from shared.access.policy import Action

router = APIRouter(tags=["compliance"])
SUPERVISE = access(Action.SUPERVISE)


@router.get("/compliance/cadres/{cadre_id}", openapi_extra=SUPERVISE)
def check_cadre_record(cadre_id: str, parts: PartsDep, gate: GateDep) -> list[dict[str, Any]]:
    """Every compliance finding on one cadre's record, each citing its rule."""
    gate.check(targets.of_cadre(cadre_id, parts.read_model.authority_of(cadre_id)))
    entries = parts.read_model.cadres().get(cadre_id, [])
    return [f.public() for f in check_cadre(cadre_id, entries)]


@router.get("/compliance", openapi_extra=SUPERVISE)
def check_all_records(parts: PartsDep, gate: GateDep,
                      check: Annotated[str | None, Query()] = None) -> list[dict[str, Any]]:
    """Every finding on every record the reader oversees (optionally one check only)."""
    records = parts.read_model.cadres()
    authorities = parts.read_model.authorities()  # read after the records, so it covers them all
    findings, shown = [], []
    for cadre_id, entries in records.items():
        target = targets.of_cadre(cadre_id, authorities.get(cadre_id, RecordAuthority()))
        if gate.visible(target):
            shown.append(target)
            findings += [f.public() for f in check_cadre(cadre_id, entries) if check in (None, f.check)]
    gate.listed(shown)
    return findings


@router.get("/compliance/quota-signals", openapi_extra=SUPERVISE)
def list_quota_signals(parts: PartsDep, gate: GateDep,
                       year: Annotated[int, Query(ge=2000, le=2100)],
                       target: Annotated[int | None, Query(ge=1)] = None) -> list[dict[str, Any]]:
    """Quota-chasing signals per jurisdiction (IM 33): clustered at a target, or a sudden jump."""
    counts: dict[str, Counter[int]] = {}
    for state in parts.read_model.case_states():
        executed = (state.get("arrangement") or {}).get("effective_on") and state["status"] != "revoked"
        unit, when = state.get("managing_unit"), adjustment_year(state)
        if executed and unit and when and gate.visible(targets.of_jurisdiction(str(unit))):
            counts.setdefault(str(unit), Counter())[when] += 1
    gate.listed([targets.of_jurisdiction(unit) for unit in counts])
    return [asdict(s) for unit, by_year in sorted(counts.items())
            for s in quota_signals(unit, year, dict(by_year), target)]


@router.get("/statistics", openapi_extra=SUPERVISE)
def get_statistics(parts: PartsDep, gate: GateDep,
                   year: Annotated[int | None, Query(ge=2000, le=2100)] = None) -> dict[str, Any]:
    """Counts in the form supervisors publish: adjusted by jurisdiction, year, circumstance, channel
    and method; reinstatements and promotions; appeal outcomes."""
    all_states = parts.read_model.case_states()
    authorities = parts.read_model.authorities()  # read after the cases, so it covers them all
    states, shown = [], []
    for state in all_states:
        cadre_id = str(state["cadre_id"])
        target = targets.of_cadre(cadre_id, authorities.get(cadre_id, RecordAuthority()))
        if gate.visible(target) and (year is None or adjustment_year(state) == year):
            states.append(state)
            shown.append(target)
    gate.listed(shown)
    return {"year": year, **adjustment_statistics(states)}
