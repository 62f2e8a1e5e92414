"""Integration events of one whole case, as the other services publish them (agreed names and
fields), for feeding the audit handlers and NATS in tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import nats

from shared.contract.catalogue import CONTRACT
from shared.contract.codec import IntegrationEvent, encode
from shared.contract.envelope import Envelope, stable_event_id
from shared.contract.events import Payload

T0 = datetime(2026, 4, 12, 9, 30, tzinfo=UTC)
SOURCES = {"CircumstanceReported": "discipline", "SanctionImposed": "discipline"}


def source_of(event_type: str) -> str:
    if event_type in SOURCES:
        return SOURCES[event_type]
    if event_type.startswith(("Concern", "Unsuitability", "FaultTolerance", "EarlySign")):
        return "identification"
    if event_type.startswith(("FollowUp", "Reinstatement")):
        return "followup"
    return "adjustment"


def integration_event(event_type: str, data: dict[str, Any], *, cadre_id: str, at: datetime,
                      event_id: str | None = None) -> IntegrationEvent:
    """An envelope checked against the contract where the contract already knows the type."""
    envelope = Envelope(id=event_id or stable_event_id(cadre_id, event_type, at.isoformat()),
                        type=event_type, version=1, source=source_of(event_type), occurred_at=at,
                        cadre_id=cadre_id, data=data)
    spec = CONTRACT.get((event_type, 1))
    payload = spec.payload.model_validate(data) if spec else Payload()
    return IntegrationEvent(envelope=envelope, payload=payload)


def cadre_ref(cadre_id: str, role: str = "party_committee_head", unit_id: str = "unit:bt-housing-bureau"
              ) -> dict[str, Any]:
    return {"cadre_id": cadre_id, "name": "王建国", "unit_id": unit_id, "post": "住房和城乡建设局局长",
            "rank": "正处级", "role": role}


def step(case_id: str, name: str, on: str, by: str, **details: str) -> tuple[str, dict[str, Any]]:
    return ("AdjustmentStepRecorded",
            {"case_id": case_id, "step": name, "recorded_by": by, "on": on, "details": details})


def whole_case(cadre_id: str = "cadre-a", case_id: str = "case-a", concern_id: str = "concern-a",
               managing_unit: str = "org:baotou-municipal", role: str = "party_committee_head",
               talker_position: str = "upper_org_dept_head", year: int = 2026,
               with_appeal: bool = True) -> list[IntegrationEvent]:
    """Signal → concern → determination → five steps → follow-up, an appeal and its correction;
    one event a day from T0 (shifted to `year`)."""
    y = str(year)
    cadre = cadre_ref(cadre_id, role)
    citation = {"pack_id": "IM-2022", "article": "art. 6(8)"}
    terms = {"method": "removal", "former_post": "局长", "new_post": "一级调研员", "former_rank": "正处级",
             "new_rank": "一级调研员", "pack_id": "IM-2022"}
    plan = f"plan-{case_id}"
    events: list[tuple[str, dict[str, Any]]] = [
        ("CircumstanceReported", {
            "signal_id": f"sig-{case_id}", "source_system": "discipline", "channel": "supervision_results",
            "reporter": "区纪委监委第三监督检查室", "cadre": cadre, "managing_unit": managing_unit,
            "citation": citation, "summary": "消极应付，造成较大损失", "evidence_refs": ["jw-1"],
            "reported_at": f"{y}-04-12T09:30:00+00:00"}),
        ("ConcernOpened", {"concern_id": concern_id, "cadre": cadre, "managing_unit": managing_unit,
                           "first_signal_id": f"sig-{case_id}", "citation": citation}),
        ("UnsuitabilityDetermined", {
            "concern_id": concern_id, "cadre": cadre,
            "authority": {"managing_unit": managing_unit, "pack_id": "IM-2022"},
            "circumstances": [citation], "evidence_refs": ["jw-1", "verify-1"],
            "determined_by": "干部监督科 李敏", "determined_on": f"{y}-05-06"}),
        ("ConcernClosed", {"concern_id": concern_id, "outcome": "unsuitable", "closed_by": "李敏"}),
        step(case_id, "verify_determine", f"{y}-05-06", "干部监督科 李敏", concern_id=concern_id),
        step(case_id, "propose", f"{y}-05-12", "市委组织部", reason="担当作为不力造成较大损失"),
        step(case_id, "decide", f"{y}-05-20", "市委办公室"),
        ("AdjustmentDecided", {"case_id": case_id, "cadre": cadre, "decided_on": f"{y}-05-20", **terms}),
        step(case_id, "talk", f"{y}-05-25", "赵强", talker_position=talker_position),
        step(case_id, "formalities", f"{y}-06-01", "干部一科"),
        ("AdjustmentExecuted", {"case_id": case_id, "cadre": cadre, "effective_on": f"{y}-06-01",
                                "salary_formalities_due_on": f"{y}-07-01", **terms}),
        ("FollowUpOpened", {"plan_id": plan, "case_id": case_id, "cadre_id": cadre_id, "method": "removal",
                            "impact_period_ends_on": f"{year + 1}-06-01", "bar": "promotion"}),
        ("FollowUpItemRecorded", {"plan_id": plan, "kind": "care_talk", "by": "单位党委书记",
                                  "on": f"{y}-07-01", "note": "谈心谈话"}),
    ]
    if with_appeal:
        events += [
            ("AppealLodged", {"appeal_id": f"appeal-{case_id}", "case_id": case_id, "kind": "appeal",
                              "lodged_on": f"{y}-06-10", "grounds": "情节认定过重"}),
            ("AppealDecided", {"appeal_id": f"appeal-{case_id}", "case_id": case_id, "outcome": "modified",
                               "decided_on": f"{y}-07-10", "reason": "改为平职调整"}),
            ("AdjustmentCorrected", {"case_id": case_id, "cadre_id": cadre_id,
                                     "appeal_id": f"appeal-{case_id}",
                                     "outcome": "modified", "reason": "申诉后改为平职调整",
                                     "new_method": "lateral_move", "effective_on": f"{y}-07-15"}),
        ]
    start = T0.replace(year=year)
    return [integration_event(t, d, cadre_id=cadre_id, at=start + timedelta(days=n))
            for n, (t, d) in enumerate(events)]


def entries_of(events: list[IntegrationEvent]) -> list[dict[str, Any]]:
    """The entries the audit handler would record for these events."""
    return [{"event_id": e.envelope.id, "type": e.envelope.type, "version": 1, "source": e.envelope.source,
             "subject": e.envelope.subject(), "occurred_at": e.envelope.occurred_at.isoformat(),
             "trace_id": None, "data": e.envelope.data} for e in events]


async def publish(nats_url: str, events: list[IntegrationEvent],
                  message_ids: list[str] | None = None) -> None:
    """Publish on each event's own subject, as its source would (message id = event id by default)."""
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        for event, message_id in zip(events, message_ids or [e.id for e in events], strict=True):
            await js.publish(event.envelope.subject(), encode(event.envelope),
                             headers={"Nats-Msg-Id": message_id})
    finally:
        await nc.close()
