"""`cadre up --demo` (what `./scripts/up.sh --demo` runs) starts the console with the services and
tells a new user where it is and how to sign in."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile

import httpx


def test_cadre_up_demo_prints_the_console_url_and_how_to_sign_in() -> None:
    # Not under pytest's private basetemp: PostgreSQL runs as its own user when the suite is root.
    data = tempfile.mkdtemp(prefix="cadre-up-console-")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "shared.runner.cli", "up", "--demo", "--exit-after-demo",
             "--base-port", "0", "--data-dir", data], capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    console_line = next(line for line in result.stdout.splitlines() if line.startswith("console "))
    url = console_line.split()[1]
    assert url.startswith("http://127.0.0.1:")
    assert f"{url}/signin" in result.stdout
    assert "李敏" in result.stdout and "赵强" in result.stdout  # whom to sign in as
    # Stopped with everything else once the demo is loaded.
    try:
        httpx.get(f"{url}/healthz", timeout=1)
        raise AssertionError("the console still answers after cadre up stopped")
    except httpx.HTTPError:
        pass
