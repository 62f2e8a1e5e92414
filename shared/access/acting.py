"""Who acts: the authenticated principal, handed from the HTTP edge into application commands.

A write is attributed to the person the verified token names (id, name, role, unit), never to a
name in the request body. A body may still say whom the act was done for (`on_behalf_of`: the
committee's office recording a decision, a department filing); a body field that names the
recorder (`recorded_by`, `proposed_by`, ...) must name the authenticated principal, or the request
is refused with 422 naming the field. `ServiceApplication.save(..., acting=)` stores the actor on
every event the command caused (shared/eventstore/actor.py), and the outbox relay carries it in
the integration event's envelope.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field

from shared.access.principal import Principal

# Body fields that say who recorded or did the act: they may only name the authenticated principal.
RECORDER_FIELDS = (
    "recorded_by", "proposed_by", "determined_by", "decided_by", "taken_by", "set_by", "noted_by",
    "verified_by", "submitted_by", "acknowledged_by", "bound_by", "resolved_by", "filed_by",
    "released_by", "reported_by", "closed_by",
)
RecordedBy = Annotated[str | None, Field(
    default=None, min_length=1, max_length=200,
    description="who recorded it: the authenticated principal (their id or name); defaults to them")]
OnBehalfOf = Annotated[str | None, Field(
    default=None, min_length=1, max_length=200,
    description="the organ or person the act is recorded for (kept beside the authenticated actor)")]


class ActedFor(BaseModel):
    """A request body for a recorded act: whom it was done for may be stated; who did it is the
    authenticated principal."""

    on_behalf_of: OnBehalfOf = None

    def fields(self, **options: Any) -> dict[str, Any]:
        """The body's own fields for the command (whom it was done for travels with the actor)."""
        return self.model_dump(exclude={"on_behalf_of"}, **options)


class ActorMismatchError(ValueError):
    """A body names someone other than the authenticated principal as the one who acted."""

    def __init__(self, field: str, named: str, principal: Principal) -> None:
        self.field = field
        super().__init__(
            f"{field}: names {named!r}, not the authenticated principal {principal.subject}"
            f"{f' ({principal.name})' if principal.name else ''}; record in your own name and put "
            f"the organ you act for in on_behalf_of "
            f"/ {field} 须为当前登录者本人，代表的机构请填 on_behalf_of")


@dataclass(frozen=True)
class Acting:
    """The principal a command acts as, and whom they said they act for."""

    principal: Principal
    on_behalf_of: str | None = None

    @property
    def display(self) -> str:
        """How the record names the actor in the domain's own `*_by` fields."""
        return self.principal.name or self.principal.subject

    def record(self) -> dict[str, str | None]:
        p = self.principal
        return {"id": p.subject, "name": p.name, "role": p.role, "unit": p.unit,
                "on_behalf_of": self.on_behalf_of}

    def names(self, value: str) -> bool:
        p = self.principal
        return value.strip() in {p.subject, p.name, p.label, self.display}

    def attribute(self, body: BaseModel, fields: Iterable[str] = RECORDER_FIELDS) -> Acting:
        """Check the body's recorder fields name this principal and fill the empty ones with them;
        the body's `on_behalf_of`, if any, is kept beside the principal."""
        for name in fields:
            if name not in type(body).model_fields:
                continue
            value = getattr(body, name)
            if value is None:
                setattr(body, name, self.display)
            elif not self.names(str(value)):
                raise ActorMismatchError(name, str(value), self.principal)
        behalf = getattr(body, "on_behalf_of", None)
        return Acting(self.principal, str(behalf) if behalf else self.on_behalf_of)
