"""One cadre's path through the whole lifecycle, driven over NATS and HTTP like real users would.

The demo loads it for a new user; the end-to-end tests drive it and check every step. Every HTTP
request carries a token of the principal who would really send it (`principals.py`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import httpx

from shared.access.dev_issuer import DevIssuer
from shared.access.principal import Principal
from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.messaging.connection import connect_as_producer
from shared.runner import principals
from shared.runner.procedure import DECIDED_BY_COMMITTEE, procedure_steps

T = TypeVar("T")


def wait_for(
    what: str, probe: Callable[[], T | None], timeout: float = 30.0, interval: float = 0.1
) -> T:
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def circumstance_report(
    cadre: contract.CadreRef, signal_id: str, **overrides: Any
) -> contract.CircumstanceReported:
    fields: dict[str, Any] = {
        "signal_id": signal_id,
        "source_system": "discipline",
        "channel": "supervision_results",
        "reporter": "区纪委监委第三监督检查室",
        "cadre": cadre,
        "managing_unit": "org:baotou-municipal",
        "citation": contract.Citation(pack_id="IM-2022", article="art. 6(8)"),
        "summary": "重点项目推进中消极应付、拖延推诿，造成较大损失",
        "evidence_refs": ["jw-2026-0412-report"],
        "reported_at": datetime(2026, 4, 12, 9, 30, tzinfo=UTC),
    }
    fields.update(overrides)
    return contract.CircumstanceReported(**fields)


async def publish_report(
    nats_url: str, report: contract.CircumstanceReported, *, message_id: str,
    producer: str = "discipline", traceparent: str | None = None,
) -> bool:
    """Publish as a producer system would; returns False when JetStream saw a duplicate id."""
    envelope = envelope_for(
        report, event_id=message_id, source=producer, cadre_id=report.cadre.cadre_id,
        occurred_at=report.reported_at,
    )
    nc = await connect_as_producer(nats_url)
    try:
        headers = {"Nats-Msg-Id": message_id}
        if traceparent:
            headers["traceparent"] = traceparent
        ack = await nc.jetstream().publish(envelope.subject(), encode(envelope), headers=headers)
        return not ack.duplicate
    finally:
        await nc.close()


@dataclass
class Scenario:
    urls: dict[str, str]
    nats_url: str
    cadre: contract.CadreRef = field(
        default_factory=lambda: contract.CadreRef(
            cadre_id="cadre-bt-0001", name="王建国", unit_id="unit:bt-housing-bureau",
            post="包头市住房和城乡建设局局长", rank="正处级", role="party_committee_head",
        )
    )
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request (traceparent)
    log: Callable[[str], None] = print
    managing_unit: str = principals.MANAGING_UNIT
    issuer: DevIssuer = field(kw_only=True)

    def officer(self) -> Principal:
        return principals.case_officer(self.managing_unit)

    def secretary(self) -> Principal:
        return principals.committee_secretary(self.managing_unit)

    def http(self, service: str, principal: Principal | None = None,
             purpose: str | None = None) -> httpx.Client:
        """A client signed as `principal` (the managing unit's case officer unless named)."""
        auth = self.issuer.headers(principal or self.officer(), purpose)
        return httpx.Client(base_url=self.urls[service], headers={**self.headers, **auth}, timeout=10)

    def report(self, signal_id: str = "jw-2026-0412", message_id: str | None = None) -> None:
        report = circumstance_report(self.cadre, signal_id, managing_unit=self.managing_unit)
        traceparent = self.headers.get("traceparent")
        asyncio.run(publish_report(self.nats_url, report, message_id=message_id or signal_id,
                                   traceparent=traceparent))
        self.log(f"discipline inspection reported signal {signal_id} about {self.cadre.name}")

    def concerns(self) -> list[dict[str, Any]]:
        with self.http("identification") as client:
            response = client.get("/concerns", params={"cadre_id": self.cadre.cadre_id})
            response.raise_for_status()
            result: list[dict[str, Any]] = response.json()
            return result

    def determine(self) -> str:
        concern = wait_for("the concern", lambda: self.concerns())[0]
        # The determination is the committee's finding; its secretary records it.
        with self.http("identification", self.secretary()) as client:
            response = client.post(f"/concerns/{concern['concern_id']}/determination", json={
                "outcome": "unsuitable",
                "circumstances": [{"pack_id": "IM-2022", "article": "art. 6(8)"}],
                "evidence_refs": ["jw-2026-0412-report", "verification-2026-05-06"],
                "on_behalf_of": "市委组织部干部监督科 李敏",
                "determined_on": "2026-05-06",
            })
            response.raise_for_status()
        self.log(f"unsuitability of {self.cadre.name} determined (concern {concern['concern_id']})")
        return str(concern["concern_id"])

    def case_id(self, concern_id: str) -> str:
        import uuid

        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cadre:adjustment-case:{concern_id}"))

    def wait_for_case(self, case_id: str) -> None:
        with self.http("adjustment") as client:
            wait_for("the adjustment case", lambda: client.get(f"/cases/{case_id}").status_code == 200)

    def record_step(self, case_id: str, step: str, body: dict[str, Any]) -> None:
        """One step of the procedure, sent by whoever records it (SPEC §8)."""
        by = self.secretary() if step in DECIDED_BY_COMMITTEE else self.officer()
        with self.http("adjustment", by) as client:
            client.post(f"/cases/{case_id}/{step}", json=body).raise_for_status()
        self.log(f"adjustment step recorded: {step} (by the {by.role.replace('_', ' ')})")

    def run_procedure(self, concern_id: str, effective_on: date = date(2026, 6, 1)) -> str:
        case_id = self.case_id(concern_id)
        self.wait_for_case(case_id)
        for step, body in self.procedure_steps(effective_on):
            self.record_step(case_id, step, body)
        return case_id

    def procedure_steps(self, effective_on: date) -> list[tuple[str, dict[str, Any]]]:
        return procedure_steps(effective_on)

    def plans(self) -> list[dict[str, Any]]:
        with self.http("followup") as client:
            response = client.get("/plans", params={"cadre_id": self.cadre.cadre_id})
            response.raise_for_status()
            result: list[dict[str, Any]] = response.json()
            return result

    def advance_followup_clock(self, days: int) -> None:
        with self.http("followup", principals.administrator(self.managing_unit)) as client:
            client.post("/clock/advance", json={"days": days}).raise_for_status()
        self.log(f"follow-up clock advanced by {days} days (by the administrator)")

    def timeline(self, reader: Principal | None = None, purpose: str | None = None) -> list[dict[str, Any]]:
        """The cadre's audit record; a supervisor reader must state a purpose (the read is recorded)."""
        with self.http("audit", reader, purpose) as client:
            response = client.get(f"/cadres/{self.cadre.cadre_id}/timeline")
            if response.status_code == 404:
                return []
            response.raise_for_status()
            entries: list[dict[str, Any]] = response.json()["entries"]
            return entries

    def wait_for_timeline_type(self, event_type: str, timeout: float = 30.0) -> list[dict[str, Any]]:
        return wait_for(
            f"{event_type} in the audit timeline",
            lambda: (lambda t: t if any(e["type"] == event_type for e in t) else None)(self.timeline()),
            timeout,
        )
