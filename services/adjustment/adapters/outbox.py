"""Which adjustment domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.domain.case import AdjustmentCase
from shared.contract import events as contract
from shared.messaging.translation import translator


def _step(event: Any, step: str, by: str, on: date, details: dict[str, Any]) -> contract.Payload:
    return contract.AdjustmentStepRecorded(
        case_id=str(event.originator_id),
        step=step,  # type: ignore[arg-type]
        recorded_by=by,
        on=on,
        details={k: str(v) for k, v in details.items()},
    )


def _opened(event: Any) -> list[contract.Payload]:
    details = {"concern_id": event.concern_id, "circumstances": event.circumstances}
    return [_step(event, "verify_determine", event.determined_by, event.determined_on, details)]


def _proposed(event: Any) -> list[contract.Payload]:
    p = event.proposal
    return [_step(event, "propose", p["proposed_by"], date.fromisoformat(p["proposed_on"]), p)]


def _decided(event: Any) -> list[contract.Payload]:
    d = event.decision
    decided_on = date.fromisoformat(d["meeting_date"])
    return [
        _step(event, "decide", d["recorded_by"], decided_on, d),
        contract.AdjustmentDecided(
            case_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            pack_id=event.pack_id,
            decided_on=decided_on,
            **event.terms,
        ),
    ]


def _talked(event: Any) -> list[contract.Payload]:
    t = event.talk
    return [_step(event, "talk", t["talker"], date.fromisoformat(t["talk_date"]), t)]


def _executed(event: Any) -> list[contract.Payload]:
    f = event.formalities
    return [
        _step(event, "formalities", f["recorded_by"], event.effective_on, f),
        contract.AdjustmentExecuted(
            case_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            pack_id=event.pack_id,
            effective_on=event.effective_on,
            salary_formalities_due_on=event.salary_formalities_due_on,
            **event.terms,
        ),
    ]


def _cadre_of(event: Any, payload: contract.Payload) -> str:
    cadre = getattr(event, "cadre", None)
    return str(cadre["cadre_id"]) if cadre else str(event.cadre_id)


translate = translator(
    "adjustment",
    {
        AdjustmentCase.Opened: _opened,
        AdjustmentCase.Proposed: _proposed,
        AdjustmentCase.Decided: _decided,
        AdjustmentCase.Talked: _talked,
        AdjustmentCase.FormalitiesCompleted: _executed,
    },
    _cadre_of,
)
