"""The whole system with its console, and a headless Chromium (Debian's) to drive the console.

The services and the console are the real processes `cadre up` starts, on free ports; the browser
is Debian's chromium (the test command installs it), never a downloaded build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.runner.stack import Stack, temporary_stack

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="package")
def stack() -> Iterator[Stack]:
    with temporary_stack("cadre-console-", {"CADRE_SCAN_INTERVAL_SECONDS": "0.3",
                                            "CADRE_RELAY_INTERVAL_SECONDS": "0.05",
                                            "AUDIT_SEAL_INTERVAL_SECONDS": "0.5"},
                         with_console=True) as system:
        yield system


@pytest.fixture(scope="package")
def console_url(stack: Stack) -> str:
    assert stack.console is not None
    return stack.console.url


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()
