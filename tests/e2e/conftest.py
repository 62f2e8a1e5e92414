from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.contract import events as contract
from shared.runner.scenario import Scenario
from shared.runner.stack import SERVICES, Stack


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    """The whole system as a user runs it: four processes on embedded NATS and PostgreSQL."""
    root = Path(tempfile.mkdtemp(prefix="cadre-e2e-"))
    system = Stack(root, extra_env={"CADRE_SCAN_INTERVAL_SECONDS": "0.3",
                                    "CADRE_RELAY_INTERVAL_SECONDS": "0.05"})
    try:
        system.start()
        yield system
    finally:
        system.stop()
        shutil.rmtree(root, ignore_errors=True)


def urls(stack: Stack) -> dict[str, str]:
    return {name: stack.services[name].url for name in SERVICES}


def scenario_on(stack: Stack, cadre: contract.CadreRef, **fields: Any) -> Scenario:
    """The scenario against the running stack, signing requests with the stack's own issuer."""
    return Scenario(urls=urls(stack), nats_url=stack.nats.url if stack.nats else "", cadre=cadre,
                    issuer=stack.issuer, log=lambda line: None, **fields)
