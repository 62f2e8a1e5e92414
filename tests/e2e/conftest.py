from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

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
