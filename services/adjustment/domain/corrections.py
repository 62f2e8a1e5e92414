"""Correcting a mis-entered step: which facts a correction may change, and the corrected record.

A correction is a new event beside the step it corrects (who, when, why, before and after); the
step's own event is never changed. What the committee decided (method, destination, rank) and
the effective date change only by review or appeal (IM 22), so a correction may not touch them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.adjustment.domain.errors import CorrectionRefusedError

MEETING_FIELDS = ("members_expected", "present", "votes_for", "votes_against", "abstaining")
CORRECTABLE: dict[str, frozenset[str]] = {
    "propose": frozenset({"reason", "study_meeting", "participants", "record_and_attitude",
                          "proposed_by", "proposed_on", "gravity"}),
    "decide": frozenset({"meeting_date", "attendees", "opinions_heard", "recorded_by", *MEETING_FIELDS}),
    "talk": frozenset({"talker", "talker_position", "talk_date", "summary", "cadre_response"}),
    "formalities": frozenset({"removal_document", "appointment_document", "recorded_by"}),
}


def corrected_record(step: str, record: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The step's record with `changes` applied, or CorrectionRefusedError naming the field."""
    allowed = CORRECTABLE.get(step)
    if allowed is None:
        raise CorrectionRefusedError(
            "IM 16", "核实认定由识别环节撤销后重新认定，不在此更正",
            "the determination is withdrawn and made again where it was made, not corrected here",
            "step")
    if not changes:
        raise CorrectionRefusedError("IM 32", "更正须写明更正的内容", "a correction names what it changes",
                                     "changes")
    for key in sorted(changes):
        if key not in allowed:
            raise CorrectionRefusedError(
                "IM 22", f"{key} 不能以更正方式改变：所决定的调整只能经复核、申诉改变",
                f"{key} cannot be corrected: what was decided changes only by review or appeal; "
                f"correctable: {', '.join(sorted(allowed))}", f"changes.{key}")
    corrected = dict(record)
    meeting = dict(record.get("meeting") or {})
    for key, value in changes.items():
        if step == "decide" and key in MEETING_FIELDS:
            meeting[key] = value
        else:
            corrected[key] = value
    if step == "decide":
        corrected["meeting"] = meeting
    return corrected


def before_and_after(record: Mapping[str, Any], corrected: Mapping[str, Any],
                     changes: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed facts as they stood and as corrected, flat, for the record and the contract."""
    def value(rec: Mapping[str, Any], key: str) -> Any:
        return rec.get(key, (rec.get("meeting") or {}).get(key))
    return ({k: value(record, k) for k in changes}, {k: value(corrected, k) for k in changes})
