"""Tamper evidence an outsider can check, and a database superuser cannot defeat.

On an encrypted audit store, on real NATS and PostgreSQL: a proof served with an entry verifies
with the standalone verifier from the proof file and the published key alone (a process that
imports no service), and fails for a changed entry; re-encrypting the store under a new key keeps
every checkpoint and proof valid. As the PostgreSQL superuser: a row copied in from another
cadre's record is never sealed, is reported, and shows as a broken entry; deleting the
checkpoints and sealing edited history again is caught against the checkpoints published to
JetStream."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from eventsourcing.cryptography import AESCipher
from fastapi.testclient import TestClient

from services.audit.api import router
from services.audit.bootstrap import bootstrap, build_audit
from services.audit.domain.record import CadreRecord
from services.audit.settings import AuditSettings
from shared.contract.envelope import CHECKPOINT_STREAM
from shared.service_host import create_api
from shared.settings import ServiceSettings
from tests.access import acting, headers_for
from tests.audit.case_events import publish, whole_case
from tests.helpers import eventually, read_subject

pytestmark = pytest.mark.integration
DEPT, REGION = "org:baotou-municipal", "org:inner-mongolia-region"
ADMIN = headers_for("administrator", "org:central")
ROOT = Path(__file__).parents[3]


@pytest.fixture
def encrypted(settings: ServiceSettings) -> ServiceSettings:
    return settings.model_copy(update={"cipher_topic": "eventsourcing.cryptography:AESCipher",
                                       "cipher_key": AESCipher.create_key(32)})


@contextmanager
def audit_service(settings: ServiceSettings, keys: Path) -> Iterator[TestClient]:
    # The signing key, and the writer-proof key derived from it, live in a file: not in the database.
    audit = AuditSettings(signing_key_file=keys / "audit-ed25519.pem", seal_interval_seconds=600)
    with TestClient(create_api(bootstrap(settings, audit), [router], title="audit")) as client:
        yield acting(client, DEPT, supervisor_unit=REGION)


def record(client: TestClient, settings: ServiceSettings, cadre_id: str, name: str) -> list[Any]:
    events = whole_case(cadre_id=cadre_id, name=name)
    asyncio.run(publish(settings.nats_url, events))

    async def recorded() -> bool:
        response = client.get(f"/cadres/{cadre_id}/timeline")
        return response.status_code == 200 and len(response.json()["entries"]) == len(events)

    asyncio.run(eventually(recorded))
    return events


def verifier(*args: str) -> subprocess.CompletedProcess[str]:
    """The standalone verifier in a fresh process, which must not load any service's code."""
    program = ("import sys\nfrom shared.integrity.verifier import main\ncode = main(sys.argv[1:])\n"
               "loaded = sorted(m for m in sys.modules if m.startswith('services'))\n"
               "assert not loaded, loaded\nsys.exit(code)")
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)


def superuser(settings: ServiceSettings) -> psycopg.Connection[tuple[Any, ...]]:
    return psycopg.connect(host="127.0.0.1", port=settings.postgres_port, dbname=settings.postgres_dbname,
                           user=settings.postgres_user, autocommit=True)


def test_a_proof_verifies_from_the_served_entry_alone_and_survives_reencryption(
    encrypted: ServiceSettings, tmp_path: Path
) -> None:
    with audit_service(encrypted, tmp_path / "keys") as client:
        events = record(client, encrypted, "cadre-a", "a")
        assert client.post("/integrity/checkpoints", headers=ADMIN).json()["sealed"] >= 1
        decided = next(e for e in events if e.type == "AdjustmentDecided")
        served = client.get(f"/cadres/cadre-a/entries/{decided.id}/proof")
        assert served.status_code == 200, served.text
        proof = served.json()
        key = client.get("/integrity/public-key.pem", headers=ADMIN).text
        redacted = client.get(f"/integrity/events/{decided.id}/proof", headers=ADMIN).json()
    assert proof["valid"] and "state" in proof["entry"]
    assert "state" not in redacted["entry"] and redacted["valid"]  # the digest only, for verifiers
    (tmp_path / "key.pem").write_text(key)
    (tmp_path / "proof.json").write_text(json.dumps(proof, ensure_ascii=False))
    (tmp_path / "entry.json").write_text(json.dumps(proof["served_entry"], ensure_ascii=False))

    checked = verifier(str(tmp_path / "proof.json"), "--key", str(tmp_path / "key.pem"),
                       "--entry", str(tmp_path / "entry.json"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout) == {"valid": True, "problems": []}

    changed = json.loads(json.dumps(proof))
    changed["entry"]["state"]["entry"]["data"]["method"] = "lateral_move"  # the entry as served, edited
    (tmp_path / "changed.json").write_text(json.dumps(changed, ensure_ascii=False))
    refused = verifier(str(tmp_path / "changed.json"), "--key", str(tmp_path / "key.pem"))
    assert refused.returncode == 1 and "do not lead to the checkpoint's root" in refused.stdout
    other_entry = {**proof["served_entry"], "data": {**proof["served_entry"]["data"], "new_post": "局长"}}
    (tmp_path / "other.json").write_text(json.dumps(other_entry, ensure_ascii=False))
    mismatched = verifier(str(tmp_path / "proof.json"), "--key", str(tmp_path / "key.pem"),
                          "--entry", str(tmp_path / "other.json"))
    assert mismatched.returncode == 1 and "not the entry the proof covers" in mismatched.stdout

    # Re-encrypt the whole store under a new key, with the service stopped, as the owner.
    position = proof["entry"]["notification_id"]
    with superuser(encrypted) as conn:
        before = conn.execute("SELECT state FROM audit.audit_events WHERE notification_id = %s",
                              (position,)).fetchone()
    new_key = AESCipher.create_key(32)
    env = {**os.environ, "POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(encrypted.postgres_port),
           "POSTGRES_DBNAME": encrypted.postgres_dbname, "POSTGRES_USER": encrypted.postgres_user,
           "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher", "CIPHER_KEY": str(encrypted.cipher_key),
           "AUDIT_NEW_CIPHER_KEY": new_key}
    done = subprocess.run([sys.executable, "-m", "services.audit.cli", "reencrypt"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] > len(events)
    with superuser(encrypted) as conn:
        after = conn.execute("SELECT state FROM audit.audit_events WHERE notification_id = %s",
                             (position,)).fetchone()
    assert before is not None and after is not None and bytes(before[0]) != bytes(after[0])

    rekeyed = encrypted.model_copy(update={"cipher_key": new_key})
    keys = AuditSettings(signing_key_file=tmp_path / "keys" / "audit-ed25519.pem")
    runtime, parts = build_audit(rekeyed, keys)
    try:
        report = parts.sealer.verify()
        assert report.ok, report.problems
        assert report.checkpoints_checked >= 1 and report.unsealed_rows == 0
        again = parts.sealer.inclusion_proof(position, full=True)
        assert again["checkpoint"] == proof["checkpoint"] and again["entry"] == proof["entry"]
        assert [e["event_id"] for e in parts.read_model.app.timeline("cadre-a")] == [e.id for e in events]
    finally:
        runtime.app.close()
    still = verifier(str(tmp_path / "proof.json"), "--key", str(tmp_path / "key.pem"),
                     "--entry", str(tmp_path / "entry.json"))
    assert still.returncode == 0, still.stdout


def test_a_row_copied_in_from_another_cadre_is_not_sealed_reported_and_shown_broken(
    encrypted: ServiceSettings, tmp_path: Path
) -> None:
    with audit_service(encrypted, tmp_path / "keys") as client:
        record(client, encrypted, "cadre-a", "a")
        b_events = record(client, encrypted, "cadre-b", "b")
        client.post("/integrity/checkpoints", headers=ADMIN)
        a_record, b_record = CadreRecord.create_id("cadre-a"), CadreRecord.create_id("cadre-b")
        with superuser(encrypted) as conn:  # another cadre's ciphertext, appended to b's record
            row = conn.execute(
                "INSERT INTO audit.audit_events (originator_id, originator_version, topic, state) "
                "SELECT %s, (SELECT max(originator_version) + 1 FROM audit.audit_events "
                "WHERE originator_id = %s), topic, state FROM audit.audit_events "
                "WHERE originator_id = %s AND originator_version = 3 RETURNING notification_id",
                (b_record, b_record, a_record)).fetchone()
        assert row is not None
        forged = int(row[0])
        client.post("/integrity/checkpoints", headers=ADMIN)
        heads = client.get("/integrity/checkpoints", headers=ADMIN).json()
        report = client.get("/integrity/verify", headers=ADMIN).json()
        timeline = client.get("/cadres/cadre-b/timeline")
        proof = client.get(f"/integrity/entries/{forged}/proof", headers=ADMIN)

    assert heads[-1]["last_id"] >= forged  # examined by the sealer ...
    assert not report["ok"]  # ... refused, and reported
    assert [r["notification_id"] for r in report["unproven_rows"]] == [forged]
    assert any(f"entry {forged} its writer proof does not match" in p for p in report["problems"])
    assert proof.status_code == 404 and "writer proof" in proof.json()["detail"]
    assert timeline.status_code == 200
    entries = timeline.json()["entries"]
    assert [e["type"] for e in entries][:-1] == [e.type for e in b_events]
    assert entries[-1]["type"] == "BrokenEntry" and entries[-1]["timing"] == {"broken": True}
    assert "cadre-a" not in json.dumps(entries[-1], ensure_ascii=False)


def test_deleting_the_checkpoints_and_sealing_edited_history_again_is_detected(
    encrypted: ServiceSettings, tmp_path: Path
) -> None:
    with audit_service(encrypted, tmp_path / "keys") as client:
        events = record(client, encrypted, "cadre-a", "a")
        sealed = client.post("/integrity/checkpoints", headers=ADMIN).json()["last_seq"]

        async def published() -> list[Any]:
            found = await read_subject(encrypted.nats_url, CHECKPOINT_STREAM, "cadre.audit.>")
            return found if len(found) >= sealed else []

        assert len(asyncio.run(eventually(published))) == sealed
        assert client.get("/integrity/verify", headers=ADMIN).json()["ok"]


    # As the superuser, with the service stopped: the correction on appeal removed from the record,
    # every checkpoint deleted; the restarted service, holding nothing from before, seals the
    # edited history afresh, and on its own the store agrees with itself again.
    record_id = CadreRecord.create_id("cadre-a")
    with superuser(encrypted) as conn:
        conn.execute("DELETE FROM audit.audit_events WHERE originator_id = %s AND originator_version = "
                     "(SELECT max(originator_version) FROM audit.audit_events WHERE originator_id = %s)",
                     (record_id, record_id))
        conn.execute("DELETE FROM audit.audit_events WHERE topic LIKE %s", ("%TreeHead.Sealed",))
        conn.execute("DELETE FROM audit.audit_tracking WHERE application_name = 'audit-tree-head'")
    with audit_service(encrypted, tmp_path / "keys") as client:
        resealed = client.post("/integrity/checkpoints", headers=ADMIN).json()
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        alone = runtime.audit.sealer.verify()  # the store without what was published
        shrunk = client.get("/integrity/verify", headers=ADMIN).json()
        record(client, encrypted, "cadre-b", "b")  # the log grows past what was published
        client.post("/integrity/checkpoints", headers=ADMIN)
        report = client.get("/integrity/verify", headers=ADMIN).json()

    assert resealed["last_seq"] >= 1 and len(events) > 0  # sealed again (at start, or now)
    assert alone.ok, alone.problems
    assert not shrunk["ok"] and shrunk["published_read"]
    assert any("checkpoint 1 in the store is not the one published" in p for p in shrunk["problems"])
    assert any(f"covers {shrunk['tree_size'] + 1} entries" in p for p in shrunk["problems"])
    problems = "\n".join(report["problems"])
    assert not report["ok"] and "checkpoint 1 in the store is not the one published" in problems
    # The published head is not the start of the tree the store holds now (RFC 6962).
    assert "is not the start of checkpoint" in problems and "consistency" in problems
