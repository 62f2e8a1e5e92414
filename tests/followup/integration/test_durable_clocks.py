"""A restart in the middle of a plan loses no clock: eligibility that fell due while the service was
down is emitted exactly once after it comes back (a new runtime on the same database)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from services.followup.bootstrap import bootstrap
from shared.clock import AdjustableClock
from shared.service_host import _running
from shared.settings import ServiceSettings
from tests.followup.integration.inbound import CADRE, executed, publish, read_envelopes, read_followup
from tests.helpers import eventually

ELIGIBLE = "reinstatement_eligible"
MISSED = "follow_up_item_missed"


def test_eligibility_due_while_the_service_was_down_is_emitted_once_after_restart(
    settings: ServiceSettings,
) -> None:
    first = bootstrap(settings)
    today = first.clock.today()
    # LG-2020 removal, one year (art. 13): the period's last day is 10 days from today.
    effective_on = today.replace(year=today.year - 1) + timedelta(days=10)

    async def opened() -> bool:
        return len(await read_followup(settings.nats_url, "follow_up_opened")) == 1

    async def scenario() -> None:
        async with _running(first):  # the runtime creates the streams
            await publish(settings.nats_url,
                          executed("case-restart", "LG-2020", "removal", effective_on))
            await eventually(opened)
            await asyncio.sleep(3 * settings.cadre_scan_interval_seconds)  # scans ran: nothing due
        assert await read_followup(settings.nats_url, ELIGIBLE) == []

        second = bootstrap(settings)  # a new process on the same database and stream
        assert isinstance(second.clock, AdjustableClock)
        second.clock.advance(timedelta(days=30))  # it was down past the period's end

        async def eligible() -> bool:
            return bool(await read_followup(settings.nats_url, ELIGIBLE))

        async with _running(second):
            await eventually(eligible)
            await asyncio.sleep(5 * settings.cadre_scan_interval_seconds)  # more scans: no repeat
        messages = await read_envelopes(settings.nats_url, ELIGIBLE)
        assert len(messages) == 1
        data = messages[0]
        assert data["cadre_id"] == CADRE.cadre_id
        assert data["data"]["eligible_on"] == second.clock.today().isoformat()
        missed = await read_followup(settings.nats_url, MISSED)
        keys = [(m["kind"], m["due_on"]) for m in missed]
        assert len(keys) == len(set(keys)) == 6  # 4 talks and 2 re-checks in the year, once each

    asyncio.run(scenario())
