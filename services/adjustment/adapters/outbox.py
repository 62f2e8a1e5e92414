"""Which adjustment domain events other services hear about, in the shared contract's terms."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.adjustment.domain.appeal import Appeal
from services.adjustment.domain.case import AdjustmentCase
from services.adjustment.domain.quota import PostQuota
from shared.contract import adjustment_events as extra
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
    meeting = {k: v for k, v in (d.get("meeting") or {}).items() if k in contract.MeetingRecord.model_fields}
    consultation = d.get("consultation")
    fields = {"case_id": str(event.originator_id), "cadre": contract.CadreRef(**event.cadre),
              "pack_id": event.pack_id, "decided_on": decided_on, **event.terms}
    return [
        _step(event, "decide", d["recorded_by"], decided_on, d),
        # v1 beside v2 for the deprecation window (docs/asyncapi.json, README "Contract versions").
        contract.AdjustmentDecided(**fields),
        contract.AdjustmentDecidedV2(
            **fields, pack_version=event.pack_version, meeting=contract.MeetingRecord(**meeting),
            meeting_rule=(contract.MeetingRuleApplied(**{k: event.meeting_rule[k] for k in
                                                         ("citation", "quorum", "majority")})
                          if event.meeting_rule else None),
            consultation=(contract.Consultation(**{k: consultation[k] for k in
                                                   contract.Consultation.model_fields})
                          if consultation and "consulted_person" in consultation else None),
        ),
    ]


def _consulted(event: Any) -> list[contract.Payload]:
    return [extra.CoManagingSideConsulted(case_id=str(event.originator_id), cadre_id=event.cadre_id,
                                          **event.consultation)]


def _corrected(event: Any) -> list[contract.Payload]:
    return [extra.AdjustmentStepCorrected(
        case_id=str(event.originator_id), cadre_id=event.cadre_id, step=event.step,
        before={k: str(v) for k, v in event.before.items()},
        after={k: str(v) for k, v in event.after.items()}, reason=event.reason,
        corrected_by=event.corrected_by, corrected_on=event.corrected_on,
    )]


def _closed(event: Any) -> list[contract.Payload]:
    return [extra.AdjustmentCaseClosed(
        case_id=str(event.originator_id), cadre_id=event.cadre_id, cause=event.cause,
        reason=event.reason, closed_by=event.closed_by, closed_on=event.closed_on,
        steps_done=event.steps_done,
    )]


def _talked(event: Any) -> list[contract.Payload]:
    t = event.talk
    return [_step(event, "talk", t["talker"], date.fromisoformat(t["talk_date"]), t)]


def _executed(event: Any) -> list[contract.Payload]:
    f = event.formalities
    authority = getattr(event, "authority", None)  # not on events stored before it was carried
    return [
        _step(event, "formalities", f["recorded_by"], event.effective_on, f),
        contract.AdjustmentExecuted(
            case_id=str(event.originator_id),
            cadre=contract.CadreRef(**event.cadre),
            pack_id=event.pack_id,
            authority=contract.Authority.model_validate(authority) if authority else None,
            effective_on=event.effective_on,
            salary_formalities_due_on=event.salary_formalities_due_on,
            **event.terms,
        ),
    ]


def _formalities_overdue(event: Any) -> list[contract.Payload]:
    return [extra.FormalitiesOverdue(case_id=str(event.originator_id), due_on=event.due_on,
                                     detected_on=event.detected_on)]


def _over_quota(event: Any) -> list[contract.Payload]:
    return [extra.OverQuotaPlacement(
        case_id=event.case_id, unit_id=event.unit_id, rank=event.rank,
        org_dept_approval=event.org_dept_approval, staffing_approval=event.staffing_approval,
        absorb_by=event.absorb_by,
    )]


def _absorption_overdue(event: Any) -> list[contract.Payload]:
    return [extra.QuotaAbsorptionOverdue(
        unit_id=event.unit_id, rank=event.rank, case_id=event.case_id, absorb_by=event.absorb_by,
        detected_on=event.detected_on,
    )]


def _appeal_lodged(event: Any) -> list[contract.Payload]:
    return [extra.AppealLodged(appeal_id=str(event.originator_id), case_id=event.case_id,
                               kind=event.kind, lodged_on=event.lodged_on, grounds=event.grounds)]


def _appeal_decided(event: Any) -> list[contract.Payload]:
    appeal_id = str(event.originator_id)
    payloads: list[contract.Payload] = [extra.AppealDecided(
        appeal_id=appeal_id, case_id=event.case_id, outcome=event.outcome,
        decided_on=event.decided_on, reason=event.reason,
    )]
    if event.correction is not None:
        # IM 22: a modification or revocation is a new, recorded correction for follow-up and audit.
        c = event.correction
        payloads.append(contract.AdjustmentCorrected(
            case_id=event.case_id, cadre_id=event.cadre_id, appeal_id=appeal_id,
            outcome=event.outcome, reason=event.reason, restored_post=c["restored_post"],
            restored_rank=c["restored_rank"], restored_pay=c["restored_pay"],
            new_method=c["new_method"], effective_on=date.fromisoformat(c["effective_on"]),
        ))
    return payloads


def _cadre_of(event: Any, payload: contract.Payload) -> str:
    cadre = getattr(event, "cadre", None)
    return str(cadre["cadre_id"]) if cadre else str(event.cadre_id)


translate = translator(
    "adjustment",
    {
        AdjustmentCase.Opened: _opened,
        AdjustmentCase.Proposed: _proposed,
        AdjustmentCase.Decided: _decided,
        AdjustmentCase.ConsultationRecorded: _consulted,
        AdjustmentCase.StepCorrected: _corrected,
        AdjustmentCase.Closed: _closed,
        AdjustmentCase.Talked: _talked,
        AdjustmentCase.FormalitiesCompleted: _executed,
        AdjustmentCase.FormalitiesOverdueDetected: _formalities_overdue,
        PostQuota.PlacedOverQuota: _over_quota,
        PostQuota.AbsorptionOverdueDetected: _absorption_overdue,
        Appeal.Lodged: _appeal_lodged,
        Appeal.Decided: _appeal_decided,
    },
    _cadre_of,
)
