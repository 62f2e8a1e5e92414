"""A concern: the case file about one cadre's possible unsuitability, from first signal to outcome."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from services.identification.domain.errors import (
    ConcernAlreadyClosedError,
    DeterminationRefusedError,
)

OUTCOMES = ("unsuitable", "not_substantiated", "false_accusation", "referred_to_discipline")


class Concern(Aggregate):
    @staticmethod
    def new_id() -> UUID:
        return uuid4()

    @event("Opened")
    def __init__(
        self,
        cadre: dict[str, Any],
        managing_unit: str,
        first_signal_id: str,
        citation: dict[str, str],
        co_managing_unit: str | None = None,
    ) -> None:
        self.cadre = cadre
        self.managing_unit = managing_unit
        self.co_managing_unit = co_managing_unit
        self.first_signal_id = first_signal_id
        self.citations: list[dict[str, str]] = [citation]
        self.signal_ids: list[str] = [first_signal_id]
        self.outcome: str | None = None
        self.determination: dict[str, Any] | None = None

    @property
    def cadre_id(self) -> str:
        return str(self.cadre["cadre_id"])

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    def join(self, signal_id: str, citation: dict[str, str]) -> None:
        if not self.is_open:
            raise ConcernAlreadyClosedError(f"concern {self.id} is closed ({self.outcome})")
        self._signal_joined(signal_id, citation)

    @event("SignalJoined")
    def _signal_joined(self, signal_id: str, citation: dict[str, str]) -> None:
        self.signal_ids.append(signal_id)
        if citation not in self.citations:
            self.citations.append(citation)

    def determine(
        self,
        *,
        outcome: str,
        circumstances: list[dict[str, str]],
        evidence_refs: list[str],
        determined_by: str,
        determined_on: date,
        pack_id: str,
    ) -> None:
        if not self.is_open:
            raise ConcernAlreadyClosedError(f"concern {self.id} is already {self.outcome}")
        if outcome not in OUTCOMES:
            raise DeterminationRefusedError(f"outcome must be one of {', '.join(OUTCOMES)}")
        if outcome == "unsuitable" and not circumstances:
            raise DeterminationRefusedError("an unsuitability determination cites circumstances")
        if outcome == "unsuitable" and not evidence_refs:
            raise DeterminationRefusedError("an unsuitability determination cites evidence (IM 16)")
        # The event repeats who the cadre is and under which authority, so that the record of the
        # determination stands on its own (and the outbox can publish it without a lookup).
        self._determined(
            outcome=outcome,
            circumstances=circumstances,
            evidence_refs=evidence_refs,
            determined_by=determined_by,
            determined_on=determined_on,
            pack_id=pack_id,
            cadre=self.cadre,
            managing_unit=self.managing_unit,
            co_managing_unit=self.co_managing_unit,
        )

    @event("Determined")
    def _determined(
        self,
        outcome: str,
        circumstances: list[dict[str, str]],
        evidence_refs: list[str],
        determined_by: str,
        determined_on: date,
        pack_id: str,
        cadre: dict[str, Any],
        managing_unit: str,
        co_managing_unit: str | None,
    ) -> None:
        self.outcome = outcome
        self.determination = {
            "circumstances": circumstances,
            "evidence_refs": evidence_refs,
            "determined_by": determined_by,
            "determined_on": determined_on.isoformat(),
            "pack_id": pack_id,
        }
