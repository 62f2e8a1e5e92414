"""Which units an audit record lies under (SPEC §8); the organisation tree and the access policy
themselves are shared by every service (shared/access)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def record_units(entries: Iterable[Mapping[str, Any]]) -> set[str]:
    """The units a cadre's record sits under: the managing unit(s) and the cadre's own unit."""
    units: set[str] = set()
    for entry in entries:
        d = entry.get("data") or {}
        for key in ("managing_unit", "co_managing_unit"):
            if d.get(key):
                units.add(str(d[key]))
        authority, cadre = d.get("authority") or {}, d.get("cadre") or {}
        units.update(str(v) for v in (authority.get("managing_unit"), cadre.get("unit_id")) if v)
    return units
