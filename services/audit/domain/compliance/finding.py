"""What a compliance check reports: which rule, on which cadre and case, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    check: str
    citation: str
    cadre_id: str
    case_id: str | None
    detail: str
    evidence: tuple[str, ...] = ()  # event ids of the entries that show it

    def public(self) -> dict[str, Any]:
        return {**asdict(self), "evidence": list(self.evidence)}
