"""Which identification domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from typing import Any

from services.identification.domain.concern import Concern
from shared.contract import events as contract
from shared.messaging.translation import translator


def _opened(event: Any) -> list[contract.Payload]:
    return [
        contract.ConcernOpened(
            concern_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            managing_unit=event.managing_unit,
            first_signal_id=event.first_signal_id,
            citation=contract.Citation(**event.citation),
        )
    ]


def _determined(event: Any) -> list[contract.Payload]:
    closed = contract.ConcernClosed(
        concern_id=str(event.originator_id), outcome=event.outcome, closed_by=event.determined_by
    )
    if event.outcome != "unsuitable":
        return [closed]
    # The cadre snapshot and authority live on the Opened event; the relay sees one event at a
    # time, so Determined carries what the adjustment service needs (see Concerns.determine).
    return [
        contract.UnsuitabilityDetermined(
            concern_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            authority=contract.Authority(
                managing_unit=event.managing_unit,
                co_managing_unit=event.co_managing_unit,
                pack_id=event.pack_id,
            ),
            circumstances=[contract.Citation(**c) for c in event.circumstances],
            evidence_refs=event.evidence_refs,
            determined_by=event.determined_by,
            determined_on=event.determined_on,
        ),
        closed,
    ]


def _cadre_of(event: Any, payload: contract.Payload) -> str:
    cadre = getattr(event, "cadre", None)
    if cadre is None:
        cadre = getattr(payload, "cadre", None)
        return str(cadre.cadre_id) if cadre is not None else ""
    return str(cadre["cadre_id"])


translate = translator(
    "identification", {Concern.Opened: _opened, Concern.Determined: _determined}, _cadre_of
)
