"""The organisation tree: which unit lies beneath which, and where inspection teams are sent.

The tree is data (a JSON file, `CADRE_ORG_TREE_FILE`, or the bundled demo tree); the questions
asked of it are pure functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).with_name("org_tree.json")


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

    def parent(self, unit: str) -> str | None:
        return self.parents.get(unit)

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


def load_org_tree(path: Path | None = None) -> OrgTree:
    return org_tree_from(json.loads((path or BUNDLED).read_text(encoding="utf-8")))
