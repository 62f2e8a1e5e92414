"""Who may read which record (SPEC §8): the upper level and inspection teams read everything
beneath them and nothing else. The organisation tree is data; the policy is a pure function."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OrgTree:
    parents: Mapping[str, str]  # unit → the unit directly above it
    scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # inspection team → units sent to

    def lineage(self, unit: str) -> list[str]:
        """The unit and every unit above it, nearest first (stops on a cycle)."""
        chain = [unit]
        while chain[-1] in self.parents and self.parents[chain[-1]] not in chain:
            chain.append(self.parents[chain[-1]])
        return chain

    def roots_of(self, reader_unit: str) -> tuple[str, ...]:
        return self.scopes.get(reader_unit, (reader_unit,))

    def may_read(self, reader_unit: str, record_units: Iterable[str]) -> bool:
        """True when one of the record's units lies at or beneath a unit the reader oversees."""
        roots = set(self.roots_of(reader_unit))
        return any(roots.intersection(self.lineage(unit)) for unit in record_units if unit)


def org_tree_from(raw: Mapping[str, Any]) -> OrgTree:
    """Read {"units": {unit: parent|null}, "inspection_teams": {team: [unit, ...]}}."""
    parents = {str(u): str(p) for u, p in dict(raw.get("units", {})).items() if p}
    scopes = {str(t): tuple(str(u) for u in us) for t, us in dict(raw.get("inspection_teams", {})).items()}
    return OrgTree(parents=parents, scopes=scopes)


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
