"""What a person does in the console, in browser terms: sign in as a demo person, open a page
until the services' asynchronous work shows on it, and keep screenshots for the README."""

from __future__ import annotations

import time
from typing import Any

from tests.console.conftest import SCREENSHOTS


def sign_in(context: Any, base: str, name: str) -> Any:
    """A fresh page in `context`, signed in through the development sign-in as `name`."""
    page = context.new_page()
    page.goto(f"{base}/signin")
    page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert name in page.get_by_test_id("who").inner_text()
    return page


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/signin")
    page.close()


def open_until(page: Any, url: str, text: str, timeout: float = 30.0) -> None:
    """Reload until the page shows `text` (what another service does arrives a moment later)."""
    deadline = time.monotonic() + timeout
    while True:
        page.goto(url)
        if text in page.content():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not show {text!r} within {timeout}s:\n{page.inner_text('main')}")
        time.sleep(0.3)


def fill(page: Any, fields: dict[str, str]) -> None:
    """Form fields by their visible labels, as a keyboard user reaches them."""
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
