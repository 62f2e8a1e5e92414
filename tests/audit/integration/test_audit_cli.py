"""The audit CLI replays and verifies from the service's own database with the service's settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.audit.bootstrap import build_audit
from services.audit.handlers import record_every_event
from services.audit.settings import AuditSettings
from shared.eventstore.application import inbox_tracking
from shared.settings import ServiceSettings
from tests.audit.case_events import CASE_A, whole_case

pytestmark = pytest.mark.integration


def cli(settings: ServiceSettings, key: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(settings.postgres_port),
           "POSTGRES_DBNAME": settings.postgres_dbname, "POSTGRES_USER": settings.postgres_user,
           "AUDIT_SIGNING_KEY_FILE": str(key)}
    return subprocess.run([sys.executable, "-m", "services.audit.cli", *args], env=env, capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).parents[3])


def test_timeline_as_of_and_verify_from_the_command_line(settings: ServiceSettings, tmp_path: Path) -> None:
    key = tmp_path / "audit.pem"
    runtime, parts = build_audit(settings, AuditSettings(signing_key_file=key))
    events = whole_case()
    try:
        for event in events:
            record_every_event(parts.read_model.app, event, inbox_tracking("audit", event.id))
    finally:
        runtime.app.close()

    # The day before the formalities (step 5, events[9]) took effect, as adjustment stated it.
    as_of = "2026-05-31T23:59:59+08:00"
    assert events[9].envelope.data["on"] == "2026-06-01"
    replay = cli(settings, key, "timeline", "--cadre", "cadre-a", "--as-of", as_of,
                 "--reader", "zhao", "--unit", "org:inner-mongolia-region", "--reason", "inspection")
    assert replay.returncode == 0, replay.stderr
    assert [e["event_id"] for e in json.loads(replay.stdout)] == [e.id for e in events[:9]]
    sideways = cli(settings, key, "timeline", "--cadre", "cadre-a", "--reader", "qian",
                   "--unit", "org:hohhot-municipal", "--reason", "inspection")
    assert sideways.returncode != 0 and "jurisdiction.subtree" in sideways.stderr
    unexplained = cli(settings, key, "timeline", "--cadre", "cadre-a", "--reader", "sun",
                      "--unit", "org:central")
    assert unexplained.returncode != 0 and "--reason" in unexplained.stderr
    state = cli(settings, key, "timeline", "--case", CASE_A.case_id, "--state", "--as-of", as_of)
    assert json.loads(state.stdout)["status"] == "talked"

    assert cli(settings, key, "seal").returncode == 0
    verified = cli(settings, key, "verify", "--entry", "3")
    assert verified.returncode == 0, verified.stdout
    result = json.loads(verified.stdout)
    assert result["verification"]["ok"] and result["proof"]["valid"]

    runtime, parts = build_audit(settings, AuditSettings(signing_key_file=key))
    try:  # the command line's reads are in the same access log as those over HTTP
        log = [(e["principal"], e["outcome"], e["stated_purpose"]) for e in parts.read_model.access_log()]
    finally:
        runtime.app.close()
    assert log == [("zhao", "allowed", "inspection"), ("qian", "denied", "inspection")]
