"""Example messages for the AsyncAPI document: what an integrator sends and receives, in full.

Each is a whole envelope as it travels on NATS; a test decodes every one with the contract, so an
example can never show a message the services would refuse.
"""

from __future__ import annotations

from typing import Any

_CADRE = {"cadre_id": "cadre-bt-0001", "name": "王建国", "unit_id": "org:baotou-housing-bureau",
          "post": "副局长", "rank": "副处级"}


def _circumstance(signal_id: str, summary: str, **extra: str) -> dict[str, Any]:
    return {
        "id": f"petitions:{signal_id}", "type": "CircumstanceReported", "version": 1,
        "source": "petitions", "occurred_at": "2026-03-02T09:30:00+08:00",
        "cadre_id": _CADRE["cadre_id"],
        "data": {
            "signal_id": signal_id, "source_system": "petitions", "channel": "supervision_results",
            "reporter": "信访局来信登记处", "cadre": _CADRE, "managing_unit": "org:baotou-municipal",
            "citation": {"pack_id": "IM-2022", "article": "IM 6(8)"},
            "summary": summary, "evidence_refs": ["xf-2026-0412"],
            "reported_at": "2026-03-02T09:00:00+08:00", **extra,
        },
    }


def _receipt(event_type: str, recipient: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"name": f"to_{recipient}", "summary": f"On cadre.receipts.{recipient}, which only "
            f"{recipient} may read", "headers": {"Nats-Msg-Id": f"receipt-{event_type}"},
            "payload": {"id": f"receipt-{event_type}", "type": event_type, "version": 1,
                        "source": "identification", "recipient": recipient,
                        "occurred_at": "2026-03-02T09:30:01+08:00", "cadre_id": _CADRE["cadre_id"],
                        "data": data}}


CONCERN = "0b6f5c1e-3f0e-5a4b-9c55-1d2e3f4a5b6c"
MESSAGE_EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "SignalAccepted": [_receipt("SignalAccepted", "petitions",
                                {"signal_id": "xf-2026-0412", "concern_id": CONCERN})],
    "MessageRejected": [_receipt("MessageRejected", "petitions", {
        "message_id": "petitions:xf-2026-0415", "signal_id": "xf-2026-0415",
        "subject": "cadre.intake.petitions.circumstance_reported.v1", "field": "data.cadre.unit_id",
        "reason_en": "data.cadre.unit_id: Field required",
        "reason_zh": "消息不符合事件契约，未予接收（字段 data.cadre.unit_id）",
        "dead_letter_sequence": 17})],
    "ConcernOutcome": [_receipt("ConcernOutcome", "petitions", {
        "concern_id": CONCERN, "signal_ids": ["xf-2026-0412"], "outcome": "not_substantiated",
        "determined_on": "2026-04-20", "circumstances": []})],
    "DisciplineReferral": [_receipt("DisciplineReferral", "discipline", {
        "concern_id": CONCERN, "cadre": _CADRE, "managing_unit": "org:baotou-municipal",
        "circumstances": [{"pack_id": "IM-2022", "article": "IM 6(8)"}],
        "matter_refs": ["wz-2026-017"], "evidence_refs": ["xf-2026-0412"],
        "signals": ["petitions:xf-2026-0412"], "referred_by": "市委组织部干部监督科",
        "referred_on": "2026-04-20"})],
    "CircumstanceReported": [
        {"name": "petition", "summary": "A petition about a cadre (subject "
         "cadre.intake.petitions.circumstance_reported.v1; Nats-Msg-Id = id)",
         "headers": {"Nats-Msg-Id": "petitions:xf-2026-0412"},
         "payload": _circumstance("xf-2026-0412", "群众来信反映其在项目审批中推诿扯皮、不作为")},
        {"name": "accountability_matter", "summary": "About an accountability matter: a "
         "fault-tolerance grant covering the matter refuses a determination on it",
         "headers": {"Nats-Msg-Id": "petitions:xf-2026-0413"},
         "payload": _circumstance("xf-2026-0413", "反映其在改制试点中造成损失",
                                  matter_ref="wz-2026-017")},
        {"name": "reform_filing", "summary": "About a filed reform (innovation risk filing): the "
         "signal is deferred to the filing (LG-FT 6(2)4)",
         "headers": {"Nats-Msg-Id": "petitions:xf-2026-0414"},
         "payload": _circumstance("xf-2026-0414", "反映其推行的审批改革引发投诉",
                                  reform_ref="6f1d3c1e-5a8b-4c57-9a55-3b9f7e0c2d11")},
    ],
}
