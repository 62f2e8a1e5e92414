"""What the engine reports: a finding that an item's trigger fired for a subject.

A hit never adjusts anyone (IM 14, 16: determination is a human act); the identification
service turns it into a signal on a concern, citing `code` and `article`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.identification.domain.rules.findings import Figure


@dataclass(frozen=True)
class Subject:
    """Who the hit is about: a cadre or unit id, and the item's `applies_to` roles it names.

    For a unit, the roles say whom in it the finding concerns (e.g. its head and the
    supervising leader); the service resolves them to cadres from its own records.
    """

    id: str
    kind: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """`figures` holds the exact observed values and the threshold that made the item fire."""

    pack_id: str
    pack_version: int
    code: str
    article: str
    subject: Subject
    period: int
    branch: str
    figures: Mapping[str, Figure] = field(hash=False)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready copy (plain dicts and lists) for an event payload or a log line."""
        return {
            "pack_id": self.pack_id,
            "pack_version": self.pack_version,
            "code": self.code,
            "article": self.article,
            "subject": {
                "id": self.subject.id,
                "kind": self.subject.kind,
                "roles": list(self.subject.roles),
            },
            "period": self.period,
            "branch": self.branch,
            "figures": {
                name: list(value) if isinstance(value, tuple) else value
                for name, value in self.figures.items()
            },
        }

    @property
    def key(self) -> tuple[str, str, str, int, str]:
        """Stable identity for de-duplicating re-evaluations of the same facts."""
        indicator = self.figures.get("indicator", "")
        return (self.code, self.branch, self.subject.id, self.period, str(indicator))
