"""Publishing the adjustment service's events to real JetStream, as that service would."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import nats

from shared.contract import events as contract
from shared.contract.codec import encode, envelope_for
from shared.contract.envelope import STREAM_NAME, stable_event_id
from tests.helpers import read_subject

CADRE = contract.CadreRef(cadre_id="cadre-fu-1", name="周明", unit_id="unit:zhen-1",
                          post="镇党委副书记", rank="正科级", role="party_committee_member")
MANAGED_BY = "org:wangyi-district"  # the district committee that manages CADRE (demo org tree)


async def publish(nats_url: str, payload: contract.Payload, cadre_id: str = CADRE.cadre_id) -> None:
    envelope = envelope_for(
        payload, event_id=stable_event_id("test", payload.model_dump_json()), source="adjustment",
        cadre_id=cadre_id, occurred_at=datetime.now(tz=UTC),
    )
    nc = await nats.connect(nats_url)
    try:
        await nc.jetstream().publish(envelope.subject(), encode(envelope),
                                     headers={"Nats-Msg-Id": envelope.id})
    finally:
        await nc.close()


def executed(case_id: str, pack_id: str, method: str, effective_on: date, *,
             cadre: contract.CadreRef = CADRE,
             managing_unit: str | None = MANAGED_BY,
             co_managing_unit: str | None = None) -> contract.AdjustmentExecuted:
    """The executed adjustment, naming the authority that manages the cadre (None: naming none)."""
    authority = contract.Authority(
        managing_unit=managing_unit, co_managing_unit=co_managing_unit, pack_id=pack_id
    ) if managing_unit else None
    return contract.AdjustmentExecuted(
        case_id=case_id, cadre=cadre, pack_id=pack_id, method=method, authority=authority,
        former_post=cadre.post, new_post="镇一级主任科员", former_rank=cadre.rank, new_rank="一级主任科员",
        effective_on=effective_on, salary_formalities_due_on=effective_on + timedelta(days=30),
    )


async def read_envelopes(nats_url: str, event: str) -> list[dict[str, Any]]:
    """Envelopes of every follow-up event of a type on the stream.

    `tests.helpers.read_subject` lets a bare asyncio.TimeoutError out of a fetch under load (nats-py
    raises it where it does not raise its own TimeoutError), so a read that times out is repeated.
    """
    for _ in range(5):
        try:
            messages = await read_subject(nats_url, STREAM_NAME, f"cadre.followup.{event}.v1")
        except TimeoutError:
            continue
        return [json.loads(m.data) for m in messages]
    raise TimeoutError(f"could not read {event} from the stream")


async def read_followup(nats_url: str, event: str) -> list[dict[str, Any]]:
    """Payloads of every follow-up event of a type on the stream."""
    return [envelope["data"] for envelope in await read_envelopes(nats_url, event)]
