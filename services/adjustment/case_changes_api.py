"""HTTP API for what changes a case besides the steps: the co-managing side's consultation
(IM 18), corrections of mis-entered steps, and closing a case that cannot go on."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from services.adjustment.api import AppDep
from services.adjustment.case_access import guarded_by
from services.adjustment.case_models import (
    CasePublic,
    ClosureCreate,
    ConsultationCreate,
    CorrectionCreate,
    case_public,
    consultation_record,
)
from services.adjustment.domain.errors import CorrectionRefusedError
from shared.access.acting import RECORDER_FIELDS
from shared.access.http import GateDep, access
from shared.access.policy import Action

router = APIRouter(prefix="/cases", tags=["adjustment"])
# A correction names who corrected it; that, too, may only be the authenticated principal.
CORRECTOR = (*RECORDER_FIELDS, "corrected_by")


@router.post("/{case_id}/consultation", openapi_extra=access(Action.ACT_ON_CASE))
def create_consultation(case_id: UUID, body: ConsultationCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Record the co-managing side's opinion before the decision (IM 18); either side's officers."""
    record = consultation_record(body, gate)
    acting = gate.acting.attribute(body)
    return case_public(app.record_consultation(case_id, record, guarded_by(gate), acting), app)


@router.post("/{case_id}/corrections", openapi_extra=access(Action.ACT_ON_CASE))
def create_correction(case_id: UUID, body: CorrectionCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Correct a mis-entered proposal, talk or formalities record; the original stays on record."""
    if body.step == "decide":
        raise CorrectionRefusedError(
            "IM 18", "组织决定的记录由党委（党组）秘书更正：POST /cases/{id}/decision/corrections",
            "the decision's record is corrected by the committee's secretary: "
            "POST /cases/{id}/decision/corrections", "step")
    acting = gate.acting.attribute(body, CORRECTOR)
    return case_public(app.correct_step(case_id, step=body.step, changes=body.changes, reason=body.reason,
                                        corrected_by=str(body.corrected_by), guard=guarded_by(gate),
                                        acting=acting), app)


@router.post("/{case_id}/decision/corrections", openapi_extra=access(Action.DECIDE))
def create_decision_correction(case_id: UUID, body: CorrectionCreate, app: AppDep,
                               gate: GateDep) -> CasePublic:
    """Correct a mis-entered meeting record (date, attendance, votes); checked again (CSR 30)."""
    if body.step != "decide":
        raise CorrectionRefusedError("IM 18", "此处只更正组织决定（step: decide）",
                                     "this route corrects the decision only (step: decide)", "step")
    acting = gate.acting.attribute(body, CORRECTOR)
    return case_public(app.correct_step(case_id, step="decide", changes=body.changes, reason=body.reason,
                                        corrected_by=str(body.corrected_by), guard=guarded_by(gate),
                                        acting=acting), app)


@router.post("/{case_id}/closure", openapi_extra=access(Action.DECIDE))
def close_case(case_id: UUID, body: ClosureCreate, app: AppDep, gate: GateDep) -> CasePublic:
    """Close a case that cannot go on, with the reason; an executed one is corrected on appeal."""
    acting = gate.acting.attribute(body)
    return case_public(app.close_case(case_id, reason=body.reason, closed_by=str(body.closed_by),
                                      closed_on=body.closed_on, guard=guarded_by(gate), acting=acting),
                       app)
