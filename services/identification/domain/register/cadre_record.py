"""A cadre's register record: every change the personnel system or the lifecycle made, in order.

Nothing is overwritten: a new post, a new managing unit, leaving, a correction on appeal are each
an event, so the record answers "which post did they hold on that date" for any date.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.identification.domain.register.entry import (
    STATES,
    AuthorityHeld,
    PostHeld,
    RegisterEntry,
)


class CadreRecord(Aggregate):
    # Every event names the cadre, so each published change says whom it is about.
    @staticmethod
    def create_id(cadre_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:register:{cadre_id}")

    @event("Registered")
    def __init__(
        self,
        cadre_id: str,
        person: dict[str, Any],
        post: dict[str, str],
        authority: dict[str, Any],
        state: str,
        effective_on: date,
        source: str,
        source_ref: str,
    ) -> None:
        self.cadre_id = cadre_id
        self.person = person
        self.post = post
        self.authority = authority
        self.state = state
        self.source = source
        # Every post held, with the date it started and why (the register's view on any date).
        self.posts: list[dict[str, Any]] = [
            {
                **post,
                "from": effective_on.isoformat(),
                "reason": "registered",
                "source_ref": source_ref,
            }
        ]

    @classmethod
    def register(cls, entry: RegisterEntry, on: date, source: str, source_ref: str) -> CadreRecord:
        return cls(
            cadre_id=entry.cadre_id,
            person=entry.person(),
            post=entry.post.as_dict(),
            authority=entry.authority.as_dict(),
            state=entry.state,
            effective_on=entry.effective_on or on,
            source=source,
            source_ref=source_ref,
        )

    @property
    def name(self) -> str:
        return str(self.person["name"])

    @property
    def managing_units(self) -> tuple[str, str | None]:
        return str(self.authority["managing_unit"]), self.authority.get("co_managing_unit")

    def snapshot(self) -> dict[str, str]:
        """The cadre as other records carry them (the contract's CadreRef)."""
        return {
            "cadre_id": self.cadre_id,
            "name": self.name,
            "unit_id": self.post["unit_id"],
            "post": self.post["post"],
            "rank": self.post["rank"],
            "role": self.post["role"],
        }

    def post_on(self, on: date) -> dict[str, Any] | None:
        """The post held on a date: the last one that started on or before it."""
        held = [p for p in self.posts if p["from"] <= on.isoformat()]
        return held[-1] if held else None

    def reconcile(self, entry: RegisterEntry, on: date, source_ref: str) -> list[str]:
        """Bring the record to what the personnel system now states; only differences become
        events, so stating the same thing twice changes nothing. Returns what changed."""
        changed: list[str] = []
        if entry.person() != self.person:
            self._person_corrected(self.cadre_id, entry.person(), source_ref)
            changed.append("person")
        if entry.post.as_dict() != self.post:
            self.change_post(entry.post, entry.effective_on or on, "personnel", source_ref)
            changed.append("post")
        if entry.authority.as_dict() != self.authority:
            self.change_authority(entry.authority, entry.effective_on or on, source_ref)
            changed.append("authority")
        if entry.state != self.state:
            self.change_state(entry.state, entry.effective_on or on, "personnel", source_ref)
            changed.append("state")
        return changed

    @event("PersonCorrected")
    def _person_corrected(self, cadre_id: str, person: dict[str, Any], source_ref: str) -> None:
        self.person = person

    def change_post(
        self,
        post: PostHeld,
        effective_on: date,
        reason: str,
        source_ref: str,
        state: str | None = None,
    ) -> None:
        self._post_changed(
            self.cadre_id, post.as_dict(), effective_on, reason, source_ref, state or self.state
        )

    @event("PostChanged")
    def _post_changed(
        self,
        cadre_id: str,
        post: dict[str, str],
        effective_on: date,
        reason: str,
        source_ref: str,
        state: str,
    ) -> None:
        self.post = post
        self.state = state
        self.posts.append(
            {**post, "from": effective_on.isoformat(), "reason": reason, "source_ref": source_ref}
        )
        self.posts.sort(key=lambda p: str(p["from"]))

    def change_authority(
        self, authority: AuthorityHeld, effective_on: date, source_ref: str
    ) -> None:
        self._authority_changed(self.cadre_id, authority.as_dict(), effective_on, source_ref)

    @event("AuthorityChanged")
    def _authority_changed(
        self, cadre_id: str, authority: dict[str, Any], effective_on: date, source_ref: str
    ) -> None:
        self.authority = authority

    def change_state(self, state: str, effective_on: date, reason: str, source_ref: str) -> None:
        if state not in STATES:
            raise ValueError(f"state: {state!r} is not one of {', '.join(STATES)}")
        self._state_changed(self.cadre_id, state, effective_on, reason, source_ref)

    @event("StateChanged")
    def _state_changed(
        self, cadre_id: str, state: str, effective_on: date, reason: str, source_ref: str
    ) -> None:
        self.state = state


class UnitRegister(Aggregate):
    """A managing unit keeps its register here: from then on every cadre it manages is resolved
    from the register, and a signal about a cadre it does not list waits to be resolved."""

    @staticmethod
    def create_id(unit_id: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"cadre:register-unit:{unit_id}")

    @event("Kept")
    def __init__(self, unit_id: str) -> None:
        self.unit_id = unit_id
