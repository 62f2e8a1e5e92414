"""The system as `cadre up` runs it: every service under its own NATS user with the permissions
made from the registry, streams and consumers made by the operator's setup step, and a signal
still reaches the record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.contract import events as contract
from shared.runner.scenario import wait_for
from shared.runner.stack import Stack, temporary_stack
from tests.e2e.conftest import scenario_on

CADRE = contract.CadreRef(cadre_id="secured-01", name="吴十", unit_id="unit:bt-housing-bureau",
                          post="副局长", rank="副处级", role="party_committee_member")


@pytest.fixture(scope="module")
def secured() -> Iterator[Stack]:
    with temporary_stack("cadre-secured-", {"CADRE_RELAY_INTERVAL_SECONDS": "0.05"},
                         nats_auth=True) as stack:
        yield stack


def test_every_service_starts_under_its_own_user_and_a_signal_reaches_the_record(secured: Stack) -> None:
    scenario = scenario_on(secured, CADRE)
    scenario.nats_url = secured.nats_url_for("discipline")  # the producer's own identity
    scenario.report("secured-sig-1")
    entries = wait_for("the signal and its concern on the record", lambda: {
        e["type"] for e in scenario.timeline()} >= {"CircumstanceReported", "ConcernOpened"} or None)
    assert entries
