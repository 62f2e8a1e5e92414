"""One cadre as the personnel system states them: the values a register entry is made of."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

ROLES = ("party_committee_head", "party_committee_member", "subordinate_body_head", "unit_staff")
STATES = ("in_post", "adjusted", "on_leave", "retired")


@dataclass(frozen=True)
class PostHeld:
    """A post, the unit holding it, the rank (职级), the leadership level (职务层次) and the role
    that decides who talks to the cadre (IM 20)."""

    post: str
    unit_id: str
    rank: str
    level: str
    role: str = "unit_staff"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class AuthorityHeld:
    """Who manages the cadre: the managing unit, a co-managing unit under dual management
    (IM 18), and the jurisdiction whose policy pack applies."""

    managing_unit: str
    co_managing_unit: str | None
    jurisdiction: str
    pack_id: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RegisterEntry:
    cadre_id: str
    name: str
    post: PostHeld
    authority: AuthorityHeld
    gender: str | None = None
    birth_date: date | None = None
    state: str = "in_post"
    effective_on: date | None = None

    def person(self) -> dict[str, Any]:
        return {"name": self.name, "gender": self.gender,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None}
