"""Integration events of one whole case as the other services really publish them, for feeding
the audit handlers and NATS in tests.

The ids are the ones the services make: the producer's own signal id, identification's concern
id and its internal signal id (`Signal.create_id`), adjustment's case id
(`AdjustmentCase.create_id`), follow-up's plan id (`FollowUpPlan.create_id`). A concern names its
signals as their reporters do (`first_signal`, `ConcernSignalJoined`); events a person caused
over HTTP carry that person in the envelope's `actor`, and the `*_by` fields name them as the
services fill them. Each event occurs (is stored by its source) on the day it takes effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from uuid import NAMESPACE_URL, uuid5

import nats

from services.adjustment.domain.case import AdjustmentCase
from services.followup.domain.plan import FollowUpPlan
from services.identification.domain.signal import Signal
from shared.contract.catalogue import CONTRACT
from shared.contract.codec import IntegrationEvent, encode
from shared.contract.envelope import Envelope, stable_event_id
from shared.contract.events import Payload

T0 = datetime(2026, 4, 12, 9, 30, tzinfo=UTC)
CST = timezone(timedelta(hours=8))
SOURCES = {"CircumstanceReported": "discipline", "SanctionImposed": "discipline"}


@dataclass(frozen=True)
class CaseIds:
    """The ids of one case, made as the services make them."""

    signal_id: str  # the producer's own id
    concern_id: str
    case_id: str
    plan_id: str

    @property
    def internal_signal_id(self) -> str:
        return str(Signal.create_id("discipline", self.signal_id))


def case_ids(name: str = "a") -> CaseIds:
    concern_id = str(uuid5(NAMESPACE_URL, f"test-concern:{name}"))  # identification: uuid4
    case_id = str(AdjustmentCase.create_id(concern_id))
    return CaseIds(f"jw-2026-{name}", concern_id, case_id, str(FollowUpPlan.create_id(case_id)))


CASE_A = case_ids("a")


def officer(unit: str) -> dict[str, Any]:
    return {"id": "li.min", "name": "李敏", "role": "case_officer", "unit": unit, "on_behalf_of": None}


def secretary(unit: str, on_behalf_of: str | None = "市委") -> dict[str, Any]:
    return {"id": "wang.fang", "name": "王芳", "role": "committee_secretary", "unit": unit,
            "on_behalf_of": on_behalf_of}


def source_of(event_type: str) -> str:
    if event_type in SOURCES:
        return SOURCES[event_type]
    if event_type.startswith(("Concern", "Unsuitability", "FaultTolerance", "EarlySign")):
        return "identification"
    if event_type.startswith(("FollowUp", "Reinstatement")):
        return "followup"
    return "adjustment"


def integration_event(event_type: str, data: dict[str, Any], *, cadre_id: str, at: datetime,
                      event_id: str | None = None, actor: dict[str, Any] | None = None,
                      source: str | None = None) -> IntegrationEvent:
    """An envelope checked against the contract where the contract already knows the type."""
    envelope = Envelope(id=event_id or stable_event_id(cadre_id, event_type, at.isoformat()),
                        type=event_type, version=1, source=source or source_of(event_type),
                        occurred_at=at, cadre_id=cadre_id, data=data, actor=actor)
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


def _occurred(previous: datetime, data: dict[str, Any]) -> datetime:
    """When the source stored the event: the evening of the day it took effect, if it names one."""
    for key in ("reported_at", "on", "determined_on", "decided_on", "effective_on", "lodged_on"):
        value = data.get(key)
        if isinstance(value, str) and len(value) == 10:
            return max(previous + timedelta(minutes=1),
                       datetime.combine(date.fromisoformat(value), time(18), CST))
        if isinstance(value, str):
            return max(previous + timedelta(minutes=1), datetime.fromisoformat(value))
    return previous + timedelta(minutes=1)


def whole_case(cadre_id: str = "cadre-a", name: str = "a",
               managing_unit: str = "org:baotou-municipal", role: str = "party_committee_head",
               talker_position: str = "upper_org_dept_head", year: int = 2026,
               with_appeal: bool = True, joined_signal: bool = False) -> list[IntegrationEvent]:
    """Signal → concern (another signal joining it, if asked) → determination → five steps →
    follow-up, an appeal and its correction, as published; dates in `year`."""
    y = str(year)
    ids = case_ids(name)
    case_id, concern_id, plan = ids.case_id, ids.concern_id, ids.plan_id
    cadre = cadre_ref(cadre_id, role)
    citation = {"pack_id": "IM-2022", "article": "art. 6(8)"}
    terms = {"method": "removal", "former_post": "局长", "new_post": "一级调研员", "former_rank": "正处级",
             "new_rank": "一级调研员", "pack_id": "IM-2022"}
    first = {"source_system": "discipline", "signal_id": ids.signal_id}
    second = {"source_system": "petitions", "signal_id": f"xf-{y}-{name}"}
    mine, committee = officer(managing_unit), secretary(managing_unit)
    events: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [
        ("CircumstanceReported", {
            "signal_id": ids.signal_id, "source_system": "discipline", "channel": "supervision_results",
            "reporter": "区纪委监委第三监督检查室", "cadre": cadre, "managing_unit": managing_unit,
            "citation": citation, "summary": "消极应付，造成较大损失", "evidence_refs": ["jw-1"],
            "reported_at": f"{y}-04-12T09:30:00+00:00"}, None),
        ("ConcernOpened", {"concern_id": concern_id, "cadre": cadre, "managing_unit": managing_unit,
                           "first_signal_id": ids.internal_signal_id, "citation": citation,
                           "first_signal": first}, None),
    ]
    if joined_signal:
        events += [
            ("CircumstanceReported", {
                "signal_id": second["signal_id"], "source_system": "petitions",
                "channel": "daily_understanding", "reporter": "市信访局", "cadre": cadre,
                "managing_unit": managing_unit, "citation": citation, "summary": "群众反映推诿扯皮",
                "evidence_refs": ["xf-1"], "reported_at": f"{y}-04-20T02:00:00+00:00"}, None),
            ("ConcernSignalJoined", {"concern_id": concern_id, "signal": second, "citation": citation},
             None),
        ]
    events += [
        ("UnsuitabilityDetermined", {
            "concern_id": concern_id, "cadre": cadre,
            "authority": {"managing_unit": managing_unit, "pack_id": "IM-2022"},
            "circumstances": [citation], "evidence_refs": ["jw-1", "verify-1"],
            "determined_by": "王芳", "determined_on": f"{y}-05-06",
            "signals": [first, *([second] if joined_signal else [])]}, committee),
        ("ConcernClosed", {"concern_id": concern_id, "outcome": "unsuitable", "closed_by": "王芳"},
         committee),
        (*step(case_id, "verify_determine", f"{y}-05-06", "王芳", concern_id=concern_id,
               circumstances=str([citation])), None),
        (*step(case_id, "propose", f"{y}-05-12", "李敏", reason="担当作为不力造成较大损失"), mine),
        (*step(case_id, "decide", f"{y}-05-20", "王芳"), committee),
        ("AdjustmentDecided", {"case_id": case_id, "cadre": cadre, "decided_on": f"{y}-05-20", **terms},
         committee),
        (*step(case_id, "talk", f"{y}-05-25", "赵强", talker_position=talker_position), mine),
        (*step(case_id, "formalities", f"{y}-06-01", "李敏"), mine),
        ("AdjustmentExecuted", {"case_id": case_id, "cadre": cadre, "effective_on": f"{y}-06-01",
                                "salary_formalities_due_on": f"{y}-07-01", **terms}, mine),
        ("FollowUpOpened", {"plan_id": plan, "case_id": case_id, "cadre_id": cadre_id, "method": "removal",
                            "impact_period_ends_on": f"{year + 1}-06-01", "bar": "promotion"}, None),
        ("FollowUpItemRecorded", {"plan_id": plan, "kind": "care_talk", "by": "单位党委书记",
                                  "on": f"{y}-07-01", "note": "谈心谈话"}, mine),
    ]
    if with_appeal:
        events += [
            ("AppealLodged", {"appeal_id": f"appeal-{name}", "case_id": case_id, "kind": "appeal",
                              "lodged_on": f"{y}-06-10", "grounds": "情节认定过重"},
             {"id": cadre_id, "name": "王建国", "role": "cadre", "unit": cadre["unit_id"],
              "on_behalf_of": None}),
            ("AppealDecided", {"appeal_id": f"appeal-{name}", "case_id": case_id, "outcome": "modified",
                               "decided_on": f"{y}-07-10", "reason": "改为平职调整"}, committee),
            ("AdjustmentCorrected", {"case_id": case_id, "cadre_id": cadre_id,
                                     "appeal_id": f"appeal-{name}",
                                     "outcome": "modified", "reason": "申诉后改为平职调整",
                                     "new_method": "lateral_move", "effective_on": f"{y}-07-15"},
             committee),
        ]
    published, at = [], T0.replace(year=year) - timedelta(minutes=1)
    for event_type, data, actor in events:
        at = _occurred(at, data)
        published.append(integration_event(event_type, data, cadre_id=cadre_id, at=at, actor=actor))
    return published


def entries_of(events: list[IntegrationEvent]) -> list[dict[str, Any]]:
    """The entries the audit handler would record for these events (domain tests)."""
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
