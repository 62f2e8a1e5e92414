from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from shared.contract import events as contract
from shared.runner.scenario import Scenario
from shared.runner.stack import Stack, temporary_stack


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    """The whole system as a user runs it: four processes on embedded NATS and PostgreSQL."""
    with temporary_stack("cadre-e2e-", {"CADRE_SCAN_INTERVAL_SECONDS": "0.3",
                                         "CADRE_RELAY_INTERVAL_SECONDS": "0.05"}) as system:
        yield system


def scenario_on(stack: Stack, cadre: contract.CadreRef, **fields: Any) -> Scenario:
    """The scenario against the running stack, signing requests with the stack's own issuer."""
    return Scenario(urls=stack.urls, nats_url=stack.nats.url if stack.nats else "", cadre=cadre,
                    issuer=stack.issuer, log=lambda line: None, **fields)
