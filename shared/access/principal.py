"""Who is asking: the principal a verified token names, with its role and organisation unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Role = Literal[
    "case_officer",  # organisation department staff handling cases of the cadres their unit manages
    "committee_secretary",  # records the party committee's decisions
    "committee_member",  # reads the cases the committee decides on
    "cadre",  # the cadre concerned; the principal is the cadre id
    "supervisor",  # the upper level: reads everything beneath its unit
    "inspection_team",  # reads the units it was sent to
    "producer",  # a producer system (discipline, petitions, ...); the principal is the system name
    "administrator",  # configuration and integrity, no personnel data
]
ROLES: tuple[Role, ...] = get_args(Role)


@dataclass(frozen=True)
class Principal:
    subject: str  # a person's id, the cadre id for "cadre", the system name for "producer"
    role: Role
    unit: str  # the organisation unit the principal belongs to
    name: str | None = None  # display name, for the record

    @property
    def label(self) -> str:
        return f"{self.role}:{self.subject}@{self.unit}"
